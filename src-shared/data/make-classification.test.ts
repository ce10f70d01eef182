import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MakeClassificationRecipe } from '../recipe.ts';
import {
  makeClassification,
  sampleWithoutReplacement,
} from './make-classification.ts';
import { RandomState } from './numpy-random.ts';

interface Case {
  name: string;
  recipe: MakeClassificationRecipe;
  X: number[][];
  y: number[];
}

const fixture = JSON.parse(
  readFileSync(
    new URL('../../test-data/make-classification.json', import.meta.url),
    { encoding: 'utf8' },
  ),
) as { sklearn: string; cases: Case[] };

describe('makeClassification', () => {
  for (const { name, recipe, X, y } of fixture.cases) {
    it(`reproduces scikit-learn ${fixture.sklearn} for "${name}"`, () => {
      const data = makeClassification(recipe);

      expect(data.nSamples).toBe(X.length);
      expect(data.nFeatures).toBe(X[0].length);
      expect(Array.from(data.y)).toEqual(y);
      X.forEach((row, i) => {
        row.forEach((expected, j) => {
          const actual = data.X[i * data.nFeatures + j];
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(expected)),
          );
        });
      });
    });
  }

  const defaults = '100 samples of 20 features, two classes';
  it(`fills scikit-learn defaults: ${defaults}`, () => {
    const data = makeClassification({
      kind: 'makeClassification',
      randomState: 1,
    });

    expect(data.nSamples).toBe(100);
    expect(data.nFeatures).toBe(20);
    expect(data.X.length).toBe(2000);
    expect(new Set(data.y)).toEqual(new Set([0, 1]));
  });

  it('is deterministic for a seed and random without one', () => {
    const recipe = { kind: 'makeClassification', nSamples: 10 } as const;
    const a = makeClassification({ ...recipe, randomState: 4 });
    const b = makeClassification({ ...recipe, randomState: 4 });
    const c = makeClassification({ ...recipe, randomState: null });
    const d = makeClassification({ ...recipe, randomState: null });

    expect(a.X).toEqual(b.X);
    expect(c.X).not.toEqual(d.X);
  });

  it('keeps hypercube vertices distinct beyond 30 informative features', () => {
    const data = makeClassification({
      kind: 'makeClassification',
      nSamples: 64,
      nFeatures: 34,
      nInformative: 33,
      nRedundant: 0,
      nClasses: 8,
      nClustersPerClass: 1,
      flipY: 0,
      classSep: 1000,
      shuffle: false,
      randomState: 0,
    });

    // With a huge class separation each row's signs reveal its centroid.
    const signs = new Map<number, string>();
    for (let i = 0; i < data.nSamples; i++) {
      const key = Array.from(data.X.subarray(i * 34, i * 34 + 33), (x) =>
        x > 0 ? '1' : '0',
      ).join('');
      signs.set(data.y[i], key);
    }
    expect(new Set(signs.values()).size).toBe(8);
  });

  describe('validation', () => {
    const base = { kind: 'makeClassification' } as const;
    const refusals: [string, MakeClassificationRecipe, RegExp][] = [
      [
        'too few features',
        { ...base, nFeatures: 3 },
        new RegExp(
          String.raw`^nFeatures: must be at least nInformative \+ nRedundant ` +
            String.raw`\+ nRepeated \(2 \+ 2 \+ 0 = 4\), got 3$`,
        ),
      ],
      [
        'too many clusters for the informative features',
        { ...base, nClasses: 4, nClustersPerClass: 2 },
        new RegExp(
          '^nInformative: 2 informative features cannot hold ' +
            '4 classes × 2 clusters',
        ),
      ],
      [
        'no informative feature',
        { ...base, nInformative: 0, nClasses: 1, nClustersPerClass: 1 },
        /^nInformative: must be an integer of at least 1$/,
      ],
      [
        'weights of the wrong length',
        { ...base, weights: [0.2, 0.3, 0.5] },
        new RegExp(
          String.raw`^weights: has 3 entries; ` +
            String.raw`needs nClasses \(2\) or nClasses − 1 \(1\)$`,
        ),
      ],
      [
        'a negative weight',
        { ...base, weights: [0.5, -0.1] },
        /^weights\.1: must be a number of at least 0$/,
      ],
      [
        'weights leaving the last class nothing',
        { ...base, nClasses: 3, nClustersPerClass: 1, weights: [0.75, 0.5] },
        /^weights: the 2 given weights sum to 1\.25,/,
      ],
      [
        'a shift of the wrong length',
        { ...base, nFeatures: 5, shift: [1, 2] },
        /^shift: has 2 values; needs one per feature \(5\)/,
      ],
      [
        'a seed numpy refuses',
        { ...base, randomState: -3 },
        /^randomState: must be an integer between 0 and 4294967295, got -3$/,
      ],
      ['a flip probability above 1', { ...base, flipY: 1.5 }, /^flipY: /],
    ];

    for (const [what, recipe, message] of refusals) {
      it(`refuses ${what}`, () => {
        expect(() => makeClassification(recipe)).toThrow(message);
      });
    }
  });
});

describe('sampleWithoutReplacement', () => {
  it('picks distinct values in range by each method', () => {
    // Ratios 0.005 (tracking selection), 0.5 (permutation), 1 (reservoir).
    for (const [n, k] of [
      [1000, 5],
      [10, 5],
      [8, 8],
    ]) {
      const picked = sampleWithoutReplacement(n, k, new RandomState(2));

      expect(picked.length).toBe(k);
      expect(new Set(picked).size).toBe(k);
      expect(picked.every((j) => j >= 0 && j < n)).toBe(true);
    }
  });

  it('refuses more samples than the population', () => {
    expect(() => sampleWithoutReplacement(3, 4, new RandomState(0))).toThrow(
      /cannot take 4 samples from 3/,
    );
  });
});
