import type {
  TrainerIn,
  TrainerOut,
} from '../../src-shared/trainer-protocol.ts';
import { createNodeTrainerLauncher } from '../service/node-launcher.ts';
import type { TrainerHandle } from '../service/trainer-launcher.ts';

// A trainer child process under test: records every message with the time
// it arrived and waits for the ones a test expects.

const quietLauncher = createNodeTrainerLauncher({ quiet: true });

/** A message from the trainer and when it arrived (ms). */
export interface Received {
  message: TrainerOut;
  at: number;
}

/** A live trainer process whose messages are recorded. */
export class TrainerProbe {
  readonly received: Received[] = [];
  exitCode: number | null | undefined = undefined;
  private readonly handle: TrainerHandle;
  private readonly waiters = new Set<() => void>();

  constructor() {
    this.handle = quietLauncher({
      onMessage: (message) => {
        this.received.push({
          message: message as TrainerOut,
          at: performance.now(),
        });
        this.wake();
      },
      onExit: (code) => {
        this.exitCode = code;
        this.wake();
      },
    });
  }

  /** Sends a message, well-formed or not. */
  send(message: TrainerIn | Record<string, unknown>): void {
    this.handle.send(message as TrainerIn);
  }

  kill(): void {
    this.handle.kill();
  }

  /** Messages of one type received so far. */
  all<T extends TrainerOut['type']>(
    type: T,
  ): Extract<TrainerOut, { type: T }>[] {
    return this.received
      .map((r) => r.message)
      .filter((m): m is Extract<TrainerOut, { type: T }> => m.type === type);
  }

  /** Resolves with the first message after index `from` that matches. */
  async next<T extends TrainerOut['type']>(
    type: T,
    from = 0,
    timeoutMs = 20_000,
  ): Promise<Received & { message: Extract<TrainerOut, { type: T }> }> {
    const found = () =>
      this.received.slice(from).find((r) => r.message.type === type) as
        (Received & { message: Extract<TrainerOut, { type: T }> }) | undefined;
    await this.until(
      () => found() !== undefined || this.exitCode !== undefined,
      timeoutMs,
    );
    const result = found();
    if (!result) {
      throw new Error(`no ${type} message (exit code ${this.exitCode})`);
    }
    return result;
  }

  /** Resolves once the process has exited. */
  async exited(timeoutMs = 10_000): Promise<number | null> {
    await this.until(() => this.exitCode !== undefined, timeoutMs);
    return this.exitCode ?? null;
  }

  private until(condition: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
