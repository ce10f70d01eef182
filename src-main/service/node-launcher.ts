import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrainerLauncher } from './trainer-launcher.ts';

// Starts trainers under plain Node (command line, browser mode, tests): the
// TypeScript entry runs through tsx's loader, resolved to an absolute path
// so that it works from any working directory.

const entryPath = fileURLToPath(
  new URL('../trainer/entry.ts', import.meta.url),
);
const tsxLoader = pathToFileURL(
  createRequire(import.meta.url).resolve('tsx/esm'),
).href;

/** How a Node launcher treats the trainer's log lines. */
export interface NodeLauncherOptions {
  /** Drop the trainer's stderr instead of passing it through. */
  quiet?: boolean;
}

/** A launcher forking `src-main/trainer/entry.ts` as a Node child. */
export function createNodeTrainerLauncher(
  options: NodeLauncherOptions = {},
): TrainerLauncher {
  return (callbacks) => forkTrainer(callbacks, options.quiet ?? false);
}

/** Forks trainers whose log lines go to this process's stderr. */
export const nodeTrainerLauncher: TrainerLauncher = createNodeTrainerLauncher();

function forkTrainer(
  callbacks: Parameters<TrainerLauncher>[0],
  quiet: boolean,
): ReturnType<TrainerLauncher> {
  const log = quiet ? 'ignore' : 2;
  const child = fork(entryPath, [], {
    execArgv: ['--import', tsxLoader],
    serialization: 'advanced',
    // The trainer never writes to stdout; anything it prints goes to
    // stderr so that a host's own stdout (JSON output) stays clean.
    stdio: ['ignore', log, log, 'ipc'],
  });

  let exited = false;
  child.on('message', (message) => callbacks.onMessage(message));
  child.on('exit', (code) => {
    exited = true;
    callbacks.onExit(code);
  });
  child.on('error', (error) => {
    console.error(`Lab: trainer process error: ${error.message}`);
  });

  return {
    send(message) {
      // A process that is just ending may refuse the message; its exit is
      // reported separately.
      if (!exited && child.connected) child.send(message, () => undefined);
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
  };
}
