import { utilityProcess } from 'electron';
import type { TrainerIn } from '../../src-shared/trainer-protocol.ts';
import type {
  TrainerHandle,
  TrainerLauncher,
} from '../service/trainer-launcher.ts';

// Starts trainers as Electron utility processes, so that no training math
// ever runs on the main process.

/** A launcher forking `modulePath` (the built trainer.js) per run. */
export function electronTrainerLauncher(modulePath: string): TrainerLauncher {
  return (callbacks): TrainerHandle => {
    const child = utilityProcess.fork(modulePath, [], {
      serviceName: 'MLP Lab trainer',
      stdio: 'inherit',
    });
    let spawned = false;
    let exited = false;
    const pending: TrainerIn[] = [];

    // Messages posted before the process exists are held until it does.
    child.on('spawn', () => {
      spawned = true;
      for (const message of pending.splice(0)) child.postMessage(message);
    });
    child.on('message', (message: unknown) => callbacks.onMessage(message));
    child.on('exit', (code: number) => {
      exited = true;
      callbacks.onExit(code);
    });

    return {
      send(message) {
        if (exited) return;
        if (spawned) child.postMessage(message);
        else pending.push(message);
      },
      kill() {
        if (!exited) child.kill();
      },
    };
  };
}
