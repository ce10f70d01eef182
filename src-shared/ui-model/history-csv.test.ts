import { describe, expect, it } from 'vitest';
import { historyToCsv } from './history-csv.ts';

describe('historyToCsv', () => {
  it('writes one line per epoch with exact numbers', () => {
    const csv = historyToCsv({
      trainLoss: [0.5, 0.1 + 0.2],
      trainAccuracy: [0.75, 1],
      testLoss: [0.6, 0.4],
      testAccuracy: [0.5, 0.875],
      seconds: [0.01, 0.02],
    });
    expect(csv.split('\n')).toEqual([
      'epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds',
      '1,0.5,0.75,0.6,0.5,0.01',
      '2,0.30000000000000004,1,0.4,0.875,0.02',
      '',
    ]);
  });

  it('leaves test columns empty when nothing was held out', () => {
    const csv = historyToCsv({
      trainLoss: [1],
      trainAccuracy: [0.5],
      testLoss: [],
      testAccuracy: [],
      seconds: [3],
    });
    expect(csv.split('\n')[1]).toBe('1,1,0.5,,,3');
  });
});
