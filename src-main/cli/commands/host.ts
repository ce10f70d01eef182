import { intOption, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';

// Commands that hand over to other parts of the project: the benchmarks and
// the browser-mode server. Both are loaded only when asked for.

/** Options the browser-mode server takes. */
export interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  open?: boolean;
}

/** Runs the engine and data benchmarks and prints their figures. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the engine and data benchmarks',
  help: `Usage: mlp-lab bench

Runs the engine benchmarks, then the data benchmarks, printing figures.`,
  options: {},
  async run() {
    const path = '../../../bench/index.ts';
    const bench = (await import(path)) as { runBenchmarks(): Promise<void> };
    await bench.runBenchmarks();
    return 0;
  },
};

/** Serves the lab to a browser on this machine. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the lab to a browser on this machine',
  help: `Usage: mlp-lab serve [--port N] [--host H] [--data-dir DIR] [--open]

Serves the lab's user interface over HTTP with the lab carried over a
WebSocket, guarded by a random token printed in the address.

  --port N          port to listen on (default: a free one)
  --host H          address to listen on (default: 127.0.0.1)
  --data-dir DIR    folder for runs and imported data sets
  --open            open the address in the system's browser`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean' },
  },
  async run(values) {
    const options: ServeOptions = {};
    const port = intOption(values, 'port', 0);
    if (port !== undefined) {
      if (port > 65535) throw new UsageError('--port: must be at most 65535');
      options.port = port;
    }
    const host = stringOption(values, 'host');
    if (host !== undefined) options.host = host;
    const dataDir = stringOption(values, 'data-dir');
    if (dataDir !== undefined) options.dataDir = dataDir;
    if (values.open) options.open = true;

    // Loaded by a computed path so that the other commands work while the
    // server module is absent from a checkout.
    const path = '../../server/serve.ts';
    const server = (await import(path)) as {
      runServe(options: ServeOptions): Promise<unknown>;
    };
    await server.runServe(options);
    return 0;
  },
};
