import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.ts';
import {
  applyStandardization,
  encodeTargets,
  prepareData,
  STD_EPSILON,
} from './prepare.ts';

/** n samples of 2 features (row i is [i, 10·i]); labels cycle over classes. */
function dataset(n: number, labels: (i: number) => number): Dataset {
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    X[2 * i] = i;
    X[2 * i + 1] = 10 * i;
    y[i] = labels(i);
  }
  const nClasses = Math.max(...y) + 1;
  return {
    X,
    y,
    nSamples: n,
    nFeatures: 2,
    classNames: Array.from({ length: nClasses }, (_, c) => String(c)),
    featureNames: ['a', 'b'],
  };
}

const options = { testFraction: 0.2, stratify: false, standardize: false };

describe('prepareData', () => {
  it('holds out round(testFraction·n) samples and keeps every row once', () => {
    const ds = dataset(101, (i) => i % 2);

    const p = prepareData(ds, { ...options, seed: 1 });

    expect(p.nTest).toBe(20);
    expect(p.nTrain).toBe(81);
    const rows = [...p.trainIndex, ...p.testIndex].sort((a, b) => a - b);
    expect(rows).toEqual(Array.from({ length: 101 }, (_, i) => i));
    p.trainIndex.forEach((row, i) => {
      expect(p.xTrain[2 * i]).toBe(row);
      expect(p.labelsTrain[i]).toBe(ds.y[row]);
    });
    p.testIndex.forEach((row, i) => {
      expect(p.xTest[2 * i + 1]).toBe(10 * row);
      expect(p.labelsTest[i]).toBe(ds.y[row]);
    });
  });

  it('is deterministic per seed and shuffles differently across seeds', () => {
    const ds = dataset(50, (i) => i % 2);

    const a = prepareData(ds, { ...options, seed: 7 });
    const b = prepareData(ds, { ...options, seed: 7 });
    const c = prepareData(ds, { ...options, seed: 8 });

    expect(a.testIndex).toEqual(b.testIndex);
    expect(a.trainIndex).toEqual(b.trainIndex);
    expect(a.testIndex).not.toEqual(c.testIndex);
  });

  it('trains on everything when testFraction is 0', () => {
    const p = prepareData(
      dataset(10, (i) => i % 2),
      {
        ...options,
        testFraction: 0,
        seed: 3,
      },
    );

    expect(p.nTest).toBe(0);
    expect(p.nTrain).toBe(10);
    expect(p.xTest.length).toBe(0);
  });

  it('keeps class shares when stratified', () => {
    // 60 of class 0, 30 of class 1, 10 of class 2.
    const ds = dataset(100, (i) => (i < 60 ? 0 : i < 90 ? 1 : 2));

    for (const seed of [1, 2, 3]) {
      const p = prepareData(ds, {
        ...options,
        testFraction: 0.25,
        stratify: true,
        seed,
      });
      const counts = [0, 0, 0];
      for (const label of p.labelsTest) counts[label]++;

      expect(p.nTest).toBe(25);
      expect(counts).toEqual([15, 8, 2]);
    }
  });

  it('standardizes with the training part only, std plus 1e-8', () => {
    const ds = dataset(40, (i) => i % 2);

    const p = prepareData(ds, { ...options, standardize: true, seed: 5 });

    const s = p.standardization!;
    const train = Array.from(p.trainIndex, (row) => row);
    const mean = train.reduce((sum, x) => sum + x, 0) / train.length;
    const variance =
      train.reduce((sum, x) => sum + (x - mean) ** 2, 0) / train.length;
    expect(s.mean[0]).toBeCloseTo(mean, 12);
    expect(s.mean[1]).toBeCloseTo(10 * mean, 11);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(variance) + STD_EPSILON, 12);

    p.testIndex.forEach((row, i) => {
      expect(p.xTest[2 * i]).toBeCloseTo((row - s.mean[0]) / s.std[0], 12);
    });
    const trainMean = train.reduce((sum, _, i) => sum + p.xTrain[2 * i], 0);
    expect(Math.abs(trainMean / train.length)).toBeLessThan(1e-12);
  });

  it('keeps a constant feature finite', () => {
    const ds = dataset(10, (i) => i % 2);
    ds.X.fill(3);

    const p = prepareData(ds, { ...options, standardize: true, seed: 1 });

    expect(p.standardization!.std).toEqual([STD_EPSILON, STD_EPSILON]);
    expect(p.xTrain.every((x) => x === 0)).toBe(true);
  });

  it('refuses a split that leaves nothing to train on', () => {
    expect(() =>
      prepareData(
        dataset(2, (i) => i),
        {
          ...options,
          testFraction: 0.9,
          seed: 1,
        },
      ),
    ).toThrow(/^testFraction: 0\.9 of 2 samples leaves none for training$/);
  });
});

describe('applyStandardization', () => {
  it('maps x to (x − mean) / std per column without touching its input', () => {
    const X = new Float64Array([1, 10, 3, 30]);

    const out = applyStandardization(X, 2, { mean: [2, 20], std: [2, 5] });

    expect(Array.from(out)).toEqual([-0.5, -2, 0.5, 2]);
    expect(Array.from(X)).toEqual([1, 10, 3, 30]);
  });

  it('refuses statistics of the wrong width', () => {
    expect(() =>
      applyStandardization(new Float64Array(4), 2, { mean: [0], std: [1] }),
    ).toThrow(/need 2 values/);
  });
});

describe('encodeTargets', () => {
  it('passes 0/1 labels through for one output', () => {
    const targets = encodeTargets(new Int32Array([0, 1, 1]), 1);

    expect(Array.from(targets)).toEqual([0, 1, 1]);
  });

  it('one-hot encodes for several outputs', () => {
    const targets = encodeTargets(new Int32Array([2, 0]), 3);

    expect(Array.from(targets)).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('refuses labels the outputs cannot hold', () => {
    expect(() => encodeTargets(new Int32Array([2]), 1)).toThrow(
      /label 2 needs more than one output unit/,
    );
    expect(() => encodeTargets(new Int32Array([3]), 3)).toThrow(
      /label 3 does not fit 3 output units/,
    );
  });
});
