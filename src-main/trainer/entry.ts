import { readFileSync } from 'node:fs';
import { openPort } from './port.ts';
import { errorMessage, TrainerSession } from './session.ts';

// A trainer process: runs one experiment for its host and streams progress.
// Started by Electron as a utility process or by Node with
// child_process.fork; the port hides which.

const port = openPort();
if (!port) {
  console.error('Trainer: no host to talk to; start me as a child process');
  process.exit(1);
}

/** Reports a fatal error to the host, then ends the process. */
function fail(message: string): void {
  console.error(`Trainer: ${message}`);
  port?.close({ type: 'error', message }, 1);
}

// Ctrl-C in a terminal reaches the whole process group; the host decides
// whether the run stops, so the trainer leaves it to the host.
process.on('SIGINT', () => undefined);
process.on('uncaughtException', (error) => fail(errorMessage(error)));
process.on('unhandledRejection', (error) => fail(errorMessage(error)));

const session = new TrainerSession({
  send: (message) => port.send(message),
  finish: (message) => port.close(message, 0),
  fail,
  readText: (path) => readFileSync(path, 'utf8'),
  log: (line) => console.error(line),
  now: () => performance.now(),
});

port.onMessage((message) => session.handle(message));
