import type { History } from '../../../src-shared/model-schema.ts';
import type { EpochRecord } from '../../../src-shared/trainer-protocol.ts';

/**
 * Per-epoch figures of the run on screen, kept in plain arrays outside the
 * reactive system: they grow every frame and only charts read them.
 */
export class LiveHistory {
  trainLoss: number[] = [];
  trainAccuracy: number[] = [];
  testLoss: number[] = [];
  testAccuracy: number[] = [];
  seconds: number[] = [];

  /** Starts over, from an earlier history when one is given. */
  reset(history: History | null = null): void {
    this.trainLoss = [...(history?.trainLoss ?? [])];
    this.trainAccuracy = [...(history?.trainAccuracy ?? [])];
    this.testLoss = [...(history?.testLoss ?? [])];
    this.testAccuracy = [...(history?.testAccuracy ?? [])];
    this.seconds = [...(history?.seconds ?? [])];
  }

  /** Adds one epoch's figures. */
  append(record: EpochRecord): void {
    this.trainLoss.push(record.trainLoss);
    this.trainAccuracy.push(record.trainAccuracy);
    if (record.testLoss !== null) this.testLoss.push(record.testLoss);
    if (record.testAccuracy !== null) {
      this.testAccuracy.push(record.testAccuracy);
    }
    this.seconds.push(record.seconds);
  }

  /** Epochs recorded. */
  get length(): number {
    return this.trainLoss.length;
  }

  /** A copy in the model file's form. */
  toHistory(): History {
    return {
      trainLoss: [...this.trainLoss],
      trainAccuracy: [...this.trainAccuracy],
      testLoss: [...this.testLoss],
      testAccuracy: [...this.testAccuracy],
      seconds: [...this.seconds],
    };
  }
}
