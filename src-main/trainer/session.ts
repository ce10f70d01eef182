import { buildDataset } from '../../src-shared/data/index.ts';
import { networkToParams } from '../../src-shared/engine/index.ts';
import { datasetSummary } from '../../src-shared/experiment-run.ts';
import { ExperimentRunner } from '../../src-shared/experiment-runner.ts';
import type { NetworkParams } from '../../src-shared/model-schema.ts';
import {
  TrainerInSchema,
  type EpochRecord,
  type TrainerIn,
  type TrainerOut,
} from '../../src-shared/trainer-protocol.ts';
import { parseWith } from '../../src-shared/validation.ts';

// A trainer's one run, driven by host messages. Batches run in slices of
// about SLICE_MS, then the event loop gets a turn so that pause and stop
// take effect within a slice even inside a long epoch.

/** Longest stretch of training between two looks at the message queue. */
export const SLICE_MS = 10;
/** Shortest gap between two progress messages (at most ~20 a second). */
export const PROGRESS_GAP_MS = 50;
/** Seconds between weight snapshots unless the start message says. */
export const DEFAULT_SNAPSHOT_INTERVAL = 0.25;

/** What a session needs from its process. */
export interface SessionHost {
  /** Sends a message to the host. */
  send(message: TrainerOut): void;
  /** Sends the last message of the run and lets the process end. */
  finish(message: TrainerOut): void;
  /** Ends the process after a fatal error has been reported. */
  fail(message: string): void;
  /** Reads a text file (CSV recipes). */
  readText(path: string): string;
  /** Writes one log line. */
  log(line: string): void;
  /** Milliseconds from a monotonic clock. */
  now(): number;
}

type State = 'idle' | 'running' | 'paused' | 'finished';

/** One experiment's run inside a trainer process. */
export class TrainerSession {
  private state: State = 'idle';
  private runner: ExperimentRunner | null = null;
  private snapshotMs = DEFAULT_SNAPSHOT_INTERVAL * 1000;
  private activeMs = 0;
  private resumedAt = 0;
  private lastProgressAt = 0;
  private lastSnapshotAt = 0;
  private pending: EpochRecord[] = [];
  private scheduled = false;

  constructor(private readonly host: SessionHost) {}

  /** Handles one raw message from the host. */
  handle(raw: unknown): void {
    const parsed = parseWith(TrainerInSchema, raw, 'message');
    if (!parsed.ok) {
      this.host.send({ type: 'error', message: parsed.error });
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'start':
        return this.start(message);
      case 'pause':
        return this.pause();
      case 'resume':
        return this.resume();
      case 'stop':
        return this.stop();
    }
  }

  private start(message: Extract<TrainerIn, { type: 'start' }>): void {
    if (this.state !== 'idle') {
      this.host.send({
        type: 'error',
        message: 'start: a run has already started',
      });
      return;
    }

    let runner: ExperimentRunner;
    try {
      const dataset = buildDataset(message.experiment.dataset, {
        readText: (path) => this.host.readText(path),
      });
      runner = new ExperimentRunner(
        message.experiment,
        dataset,
        message.initial ?? null,
      );
    } catch (error) {
      this.state = 'finished';
      this.host.fail(errorMessage(error));
      return;
    }

    this.runner = runner;
    this.snapshotMs =
      (message.snapshotInterval ?? DEFAULT_SNAPSHOT_INTERVAL) * 1000;
    this.host.send({
      type: 'started',
      dataset: datasetSummary(runner.data),
      firstEpoch: runner.firstEpoch,
      lastEpoch: runner.lastEpoch,
    });
    const epochs = `${runner.firstEpoch}-${runner.lastEpoch}`;
    const samples = runner.data.training.nTrain;
    this.host.log(`Trainer: epochs ${epochs} on ${samples} samples`);

    this.state = 'running';
    const now = this.host.now();
    this.resumedAt = now;
    this.lastProgressAt = now;
    this.lastSnapshotAt = now;
    this.schedule();
  }

  private pause(): void {
    if (this.state === 'running') {
      this.activeMs += this.host.now() - this.resumedAt;
      this.state = 'paused';
      this.flushProgress(false);
    }
    if (this.state === 'paused') {
      this.host.send({ type: 'state', state: 'paused' });
    } else {
      this.host.send({ type: 'error', message: `pause: no run is under way` });
    }
  }

  private resume(): void {
    if (this.state === 'paused') {
      this.resumedAt = this.host.now();
      this.state = 'running';
      this.schedule();
    }
    if (this.state === 'running') {
      this.host.send({ type: 'state', state: 'running' });
    } else {
      this.host.send({ type: 'error', message: `resume: no run is under way` });
    }
  }

  private stop(): void {
    if (!this.runner || this.state === 'finished') {
      this.host.send({ type: 'error', message: 'stop: no run is under way' });
      return;
    }
    this.runner.stop();
    this.finish();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    const runner = this.runner;
    if (this.state !== 'running' || !runner) return;

    const sliceEnd = this.host.now() + SLICE_MS;
    do {
      const record = runner.step(this.elapsedMs() / 1000);
      if (record) this.pending.push(record);
      if (runner.outcome) return this.finish();
    } while (this.host.now() < sliceEnd);

    if (this.host.now() - this.lastProgressAt >= PROGRESS_GAP_MS) {
      this.flushProgress(true);
    }
    this.schedule();
  }

  /** Sends the epochs not yet reported, with a snapshot when one is due. */
  private flushProgress(allowEmpty: boolean): void {
    const runner = this.runner;
    if (!runner) return;
    const now = this.host.now();
    const snapshotDue =
      this.snapshotMs > 0 && now - this.lastSnapshotAt >= this.snapshotMs;
    if (this.pending.length === 0 && !(allowEmpty && snapshotDue)) return;

    const seconds = this.elapsedMs() / 1000;
    const snapshot = snapshotDue ? finiteParams(runner) : null;
    this.host.send({
      type: 'progress',
      epochs: this.pending,
      elapsedSeconds: seconds,
      samplesPerSecond: seconds > 0 ? runner.samplesProcessed / seconds : 0,
      ...(snapshot ? { snapshot } : {}),
    });
    this.pending = [];
    this.lastProgressAt = now;
    if (snapshotDue) this.lastSnapshotAt = now;
  }

  private finish(): void {
    const runner = this.runner;
    if (!runner?.outcome) return;
    if (this.state === 'running')
      this.activeMs += this.host.now() - this.resumedAt;
    this.state = 'finished';
    this.flushProgress(false);

    const { reason, message } = runner.outcome;
    this.host.log(`Trainer: ${reason}: ${message}`);
    this.host.finish({ type: 'done', reason, message, model: runner.model() });
  }

  private elapsedMs(): number {
    const running = this.state === 'running';
    return this.activeMs + (running ? this.host.now() - this.resumedAt : 0);
  }
}

/** The current weights, or null while any of them is not finite. */
function finiteParams(runner: ExperimentRunner): NetworkParams | null {
  const params = networkToParams(runner.run.network);
  const finite = params.layers.every(
    (layer) =>
      layer.bias.every(Number.isFinite) &&
      layer.weights.every((row) => row.every(Number.isFinite)),
  );
  return finite ? params : null;
}

/** The message of a thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
