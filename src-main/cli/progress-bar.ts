import type { EpochRecord } from '../../src-shared/trainer-protocol.ts';

// A one-line progress bar redrawn in place on a terminal.

const WIDTH = 24;

/** Draws epoch, loss, accuracy and time left on one terminal line. */
export class ProgressBar {
  private firstEpoch = 1;
  private lastEpoch = 1;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  /** Sets the range of epochs the run trains. */
  begin(firstEpoch: number, lastEpoch: number): void {
    this.firstEpoch = firstEpoch;
    this.lastEpoch = lastEpoch;
  }

  /** Redraws the line for the latest epoch. */
  update(record: EpochRecord, elapsedSeconds: number): void {
    const total = Math.max(1, this.lastEpoch - this.firstEpoch + 1);
    const done = record.epoch - this.firstEpoch + 1;
    const filled = Math.round((WIDTH * done) / total);
    const eta = done > 0 ? (elapsedSeconds / done) * (total - done) : 0;

    const parts = [
      `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`,
      `epoch ${record.epoch}/${this.lastEpoch}`,
      `loss ${record.trainLoss.toFixed(4)}`,
    ];
    if (record.testAccuracy !== null) {
      parts.push(`test acc ${(record.testAccuracy * 100).toFixed(1)}%`);
    }
    parts.push(`ETA ${formatSeconds(eta)}`);
    const line = parts.join('  ').slice(0, (this.stream.columns || 80) - 1);
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Ends the line so that later output starts on a fresh one. */
  end(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

/** `42s`, `3m 05s` or `1h 02m`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600)
    return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}
