import {
  TrainerOutSchema,
  type TrainerIn,
  type TrainerOut,
} from '../../src-shared/trainer-protocol.ts';
import { parseWith } from '../../src-shared/validation.ts';
import type { TrainerHandle, TrainerLauncher } from './trainer-launcher.ts';

// A trainer process seen from its host: outbound messages are validated
// before anyone acts on them, and the end of the process is reported once
// with what is known about it.

/** What a host hears from one trainer. */
export interface ConnectionListener {
  /** A message that passed TrainerOutSchema. */
  onMessage(message: TrainerOut): void;
  /** The process ended; `done` says whether a done message came first. */
  onExit(info: { code: number | null; done: boolean }): void;
  /** The trainer sent something outside the protocol. */
  onInvalid(problem: string): void;
}

/** A started trainer. */
export interface TrainerConnection {
  send(message: TrainerIn): void;
  kill(): void;
  /** True once the process has ended. */
  readonly exited: boolean;
}

/** Starts a trainer with `launcher` and validates what it says. */
export function connectTrainer(
  launcher: TrainerLauncher,
  listener: ConnectionListener,
): TrainerConnection {
  let done = false;
  let exited = false;

  const handle: TrainerHandle = launcher({
    onMessage(raw) {
      const parsed = parseWith(TrainerOutSchema, raw, 'trainer message');
      if (!parsed.ok) {
        listener.onInvalid(parsed.error);
        return;
      }
      if (parsed.value.type === 'done') done = true;
      listener.onMessage(parsed.value);
    },
    onExit(code) {
      exited = true;
      listener.onExit({ code, done });
    },
  });

  return {
    send: (message) => handle.send(message),
    kill: () => {
      if (!exited) handle.kill();
    },
    get exited() {
      return exited;
    },
  };
}

/** A sentence for a trainer that ended without finishing its run. */
export function exitMessage(code: number | null): string {
  return code === null
    ? 'The trainer process was killed before the run finished.'
    : `The trainer process exited with code ${code} before the run finished.`;
}
