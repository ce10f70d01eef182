import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classScores,
  confusionMatrix,
  predictLabels,
} from './metrics.ts';

describe('predictLabels', () => {
  it('thresholds one output at 0.5', () => {
    const output = Float64Array.of(0.2, 0.5, 0.7, 0.49999);
    expect(Array.from(predictLabels(output, 4, 1))).toEqual([0, 1, 1, 0]);
  });

  it('takes the argmax of several outputs, the first on ties', () => {
    const output = Float64Array.of(0.1, 0.7, 0.2, 0.4, 0.4, 0.2, 0, 0, 1);
    expect(Array.from(predictLabels(output, 3, 3))).toEqual([1, 0, 2]);
  });
});

describe('accuracy', () => {
  it('is the share of matching labels', () => {
    expect(accuracy([0, 1, 2, 1], [0, 1, 1, 1])).toBe(0.75);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(
      'accuracy: 2 labels but 1 predictions',
    );
  });
});

describe('confusionMatrix', () => {
  it('counts [true][predicted]', () => {
    const matrix = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3);
    expect(matrix).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
  });

  it('refuses classes out of range', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(
      'confusionMatrix: sample 1 has class 3 → 0, outside 0..2',
    );
  });
});

describe('classScores', () => {
  it('gives precision and recall per class, null for 0/0', () => {
    const scores = classScores([
      [2, 1, 0],
      [0, 3, 0],
      [0, 0, 0],
    ]);
    expect(scores).toEqual([
      { precision: 1, recall: 2 / 3 },
      { precision: 3 / 4, recall: 1 },
      { precision: null, recall: null },
    ]);
  });
});
