import type { Experiment } from '../../src-shared/experiment.ts';
import type {
  InitialState,
  TrainerOut,
} from '../../src-shared/trainer-protocol.ts';
import { createNodeTrainerLauncher } from '../service/node-launcher.ts';
import { connectTrainer, exitMessage } from '../service/trainer-connection.ts';
import type { TrainerLauncher } from '../service/trainer-launcher.ts';
import { UsageError } from './args.ts';

// Runs one experiment in a trainer child process and waits for its model.
// Ctrl-C asks the trainer to stop (the model so far is kept); a second one
// ends it at once.

type Done = Extract<TrainerOut, { type: 'done' }>;
type Started = Extract<TrainerOut, { type: 'started' }>;
type Progress = Extract<TrainerOut, { type: 'progress' }>;

// The trainer's own log lines would clutter the terminal; MLP_LAB_DEBUG
// lets them through.
const cliLauncher = createNodeTrainerLauncher({
  quiet: !process.env.MLP_LAB_DEBUG,
});

/** What the caller hears while the run goes on. */
export interface TrainerWatcher {
  onStarted?(message: Started): void;
  onProgress?(message: Progress): void;
}

/** A failed run: the trainer reported an error or died. */
export class TrainerFailure extends Error {
  override name = 'TrainerFailure';
}

/**
 * Trains `experiment` in a child process. An error before the trainer has
 * started (a bad recipe, a missing CSV) is the user's: a UsageError.
 */
export function runInTrainer(
  experiment: Experiment,
  initial: InitialState | null,
  watcher: TrainerWatcher = {},
  launcher: TrainerLauncher = cliLauncher,
): Promise<Done> {
  return new Promise((resolve, reject) => {
    let started = false;
    let result: Done | null = null;
    let failure: string | null = null;
    let interrupts = 0;

    const onSigint = () => {
      interrupts += 1;
      if (interrupts === 1) {
        process.stderr.write('\nmlp-lab: stopping (Ctrl-C again to abort)\n');
        connection.send({ type: 'stop' });
      } else {
        connection.kill();
      }
    };

    const connection = connectTrainer(launcher, {
      onMessage(message) {
        switch (message.type) {
          case 'started':
            started = true;
            watcher.onStarted?.(message);
            return;
          case 'progress':
            watcher.onProgress?.(message);
            return;
          case 'done':
            result = message;
            return;
          case 'error':
            failure ??= message.message;
            return;
          case 'state':
            return;
        }
      },
      onInvalid(problem) {
        failure ??= `the trainer broke protocol: ${problem}`;
        connection.kill();
      },
      onExit({ code }) {
        process.off('SIGINT', onSigint);
        if (result) return resolve(result);
        const message = failure ?? exitMessage(code);
        reject(started ? new TrainerFailure(message) : new UsageError(message));
      },
    });

    process.on('SIGINT', onSigint);
    connection.send({
      type: 'start',
      experiment,
      initial,
      snapshotInterval: 0,
    });
  });
}
