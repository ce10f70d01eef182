import {
  appendRecord,
  copyHistory,
} from '../../../src-shared/experiment-run.ts';
import type { History } from '../../../src-shared/model-schema.ts';
import type { EpochRecord } from '../../../src-shared/trainer-protocol.ts';

/**
 * Per-epoch figures of the run on screen, kept in plain arrays outside the
 * reactive system: they grow every frame and only charts read them.
 */
export class LiveHistory implements History {
  trainLoss: number[] = [];
  trainAccuracy: number[] = [];
  testLoss: number[] = [];
  testAccuracy: number[] = [];
  seconds: number[] = [];

  /** Starts over, from an earlier history when one is given. */
  reset(history: History | null = null): void {
    Object.assign(this, copyHistory(history));
  }

  /** Adds one epoch's figures. */
  append(record: EpochRecord): void {
    appendRecord(this, record);
  }

  /** Epochs recorded. */
  get length(): number {
    return this.trainLoss.length;
  }

  /** A copy in the model file's form. */
  toHistory(): History {
    return copyHistory(this);
  }
}
