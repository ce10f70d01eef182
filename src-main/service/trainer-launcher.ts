import type {
  TrainerIn,
  TrainerOut,
} from '../../src-shared/trainer-protocol.ts';

// How a host starts a trainer process. Electron uses utilityProcess.fork,
// plain Node uses child_process.fork; the lab service only sees this shape.

/** A live trainer process. */
export interface TrainerHandle {
  /** Sends one message; ignored once the process has exited. */
  send(message: TrainerIn): void;
  /** Ends the process at once. */
  kill(): void;
}

/** Callbacks a launcher wires to the new process. */
export interface TrainerCallbacks {
  /** A message from the trainer, not yet validated. */
  onMessage(message: unknown): void;
  /** The process ended; code is null when it was killed by a signal. */
  onExit(code: number | null): void;
}

/** Starts one trainer process. */
export type TrainerLauncher = (callbacks: TrainerCallbacks) => TrainerHandle;
