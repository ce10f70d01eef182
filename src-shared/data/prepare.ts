// From a data set to what training consumes: a seeded shuffle and split
// (optionally stratified), standardization fitted on the training part, and
// target encoding. Matrices are row-major, samples × features.

import seedrandom from 'seedrandom';
import type { Dataset } from './dataset.ts';

/**
 * Per-feature mean and std (the 1e-8 already added): x ↦ (x − mean) / std.
 */
export interface Standardization {
  mean: number[];
  std: number[];
}

/** A data set split for training and testing. */
export interface PreparedData {
  nFeatures: number;
  nClasses: number;
  classNames: string[];
  featureNames: string[];
  /** Training features, nTrain × nFeatures, standardized if asked. */
  xTrain: Float64Array;
  labelsTrain: Int32Array;
  nTrain: number;
  /** Test features, nTest × nFeatures, standardized with the training fit. */
  xTest: Float64Array;
  labelsTest: Int32Array;
  nTest: number;
  /** Row of the data set behind each training sample. */
  trainIndex: Int32Array;
  /** Row of the data set behind each test sample. */
  testIndex: Int32Array;
  standardization: Standardization | null;
}

/** How to split and preprocess. */
export interface PrepareOptions {
  /** Share of samples held out for testing; 0 trains on everything. */
  testFraction: number;
  /** Keep each class's share the same in both parts. */
  stratify: boolean;
  standardize: boolean;
  /** Seeds the shuffle through the seedrandom stream "<seed>/split". */
  seed: number;
}

/** Added to every standard deviation so constant features stay finite. */
export const STD_EPSILON = 1e-8;

/** A Fisher–Yates shuffle of 0 … n−1 drawn from `uniform`. */
function shuffledIndices(n: number, uniform: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const held = order[i];
    order[i] = order[j];
    order[j] = held;
  }
  return order;
}

/**
 * Test samples per class, proportional to class sizes and summing to
 * `nTest`: floors first, then the largest remainders (ties to the lower
 * class).
 */
function testQuotas(counts: number[], nTest: number, n: number): number[] {
  const exact = counts.map((count) => (count * nTest) / n);
  const quotas = exact.map(Math.floor);
  let missing = nTest - quotas.reduce((sum, q) => sum + q, 0);
  const byRemainder = exact
    .map((x, c) => ({ c, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  for (const { c } of byRemainder) {
    if (missing === 0) break;
    quotas[c]++;
    missing--;
  }
  return quotas;
}

/** Splits the shuffled order into test and training rows. */
function split(
  order: Int32Array,
  y: Int32Array,
  nClasses: number,
  nTest: number,
  stratify: boolean,
): { trainIndex: Int32Array; testIndex: Int32Array } {
  const n = order.length;
  if (!stratify) {
    return {
      testIndex: order.slice(0, nTest),
      trainIndex: order.slice(nTest),
    };
  }

  // Each class sends its first quota of samples, in shuffled order, to test.
  const counts = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const quotas = testQuotas(counts, nTest, n);
  const testIndex = new Int32Array(nTest);
  const trainIndex = new Int32Array(n - nTest);
  let test = 0;
  let train = 0;
  for (let k = 0; k < n; k++) {
    const row = order[k];
    if (quotas[y[row]] > 0) {
      quotas[y[row]]--;
      testIndex[test++] = row;
    } else {
      trainIndex[train++] = row;
    }
  }
  return { trainIndex, testIndex };
}

/** The rows of X listed in `rows`, copied into a new matrix. */
function takeRows(
  X: Float64Array,
  nFeatures: number,
  rows: Int32Array,
): Float64Array {
  const out = new Float64Array(rows.length * nFeatures);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i] * nFeatures;
    for (let j = 0; j < nFeatures; j++) out[i * nFeatures + j] = X[from + j];
  }
  return out;
}

/** Fits per-feature mean and population std (+1e-8) to the rows of X. */
export function fitStandardization(
  X: Float64Array,
  nFeatures: number,
): Standardization {
  const n = X.length / nFeatures;
  const mean = new Float64Array(nFeatures);
  const sumSq = new Float64Array(nFeatures);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nFeatures; j++) mean[j] += X[i * nFeatures + j];
  }
  for (let j = 0; j < nFeatures; j++) mean[j] /= n;

  // Two passes: subtracting the mean first keeps the variance accurate.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nFeatures; j++) {
      const d = X[i * nFeatures + j] - mean[j];
      sumSq[j] += d * d;
    }
  }
  const std = Array.from(sumSq, (s) => Math.sqrt(s / n) + STD_EPSILON);
  return { mean: Array.from(mean), std };
}

/** Returns a standardized copy of X (nFeatures columns): (x − mean) / std. */
export function applyStandardization(
  X: Float64Array,
  nFeatures: number,
  s: Standardization,
): Float64Array {
  if (s.mean.length !== nFeatures || s.std.length !== nFeatures) {
    throw new Error(
      `applyStandardization: mean and std need ${nFeatures} values, ` +
        `got ${s.mean.length} and ${s.std.length}`,
    );
  }
  const out = new Float64Array(X.length);
  for (let k = 0; k < X.length; k++) {
    const j = k % nFeatures;
    out[k] = (X[k] - s.mean[j]) / s.std[j];
  }
  return out;
}

/**
 * Shuffles with the seed, holds out round(testFraction·n) samples for
 * testing (per class in proportion when stratified) and standardizes both
 * parts with the training part's statistics if asked.
 */
export function prepareData(ds: Dataset, opts: PrepareOptions): PreparedData {
  const { nSamples: n, nFeatures } = ds;
  const nClasses = ds.classNames.length;
  if (!(opts.testFraction >= 0 && opts.testFraction < 1)) {
    throw new Error(
      `testFraction: must be at least 0 and below 1, got ${opts.testFraction}`,
    );
  }
  const nTest = Math.round(opts.testFraction * n);
  if (nTest >= n) {
    throw new Error(
      `testFraction: ${opts.testFraction} of ${n} samples ` +
        'leaves none for training',
    );
  }

  const order = shuffledIndices(n, seedrandom(`${opts.seed}/split`));
  const { trainIndex, testIndex } = split(
    order,
    ds.y,
    nClasses,
    nTest,
    opts.stratify,
  );

  let xTrain = takeRows(ds.X, nFeatures, trainIndex);
  let xTest = takeRows(ds.X, nFeatures, testIndex);
  let standardization: Standardization | null = null;
  if (opts.standardize) {
    standardization = fitStandardization(xTrain, nFeatures);
    xTrain = applyStandardization(xTrain, nFeatures, standardization);
    xTest = applyStandardization(xTest, nFeatures, standardization);
  }

  return {
    nFeatures,
    nClasses,
    classNames: ds.classNames,
    featureNames: ds.featureNames,
    xTrain,
    labelsTrain: trainIndex.map((row) => ds.y[row]),
    nTrain: trainIndex.length,
    xTest,
    labelsTest: testIndex.map((row) => ds.y[row]),
    nTest,
    trainIndex,
    testIndex,
    standardization,
  };
}

/**
 * Training targets for `nOutputs` output units: with one output the 0/1
 * label itself, otherwise one-hot rows of length nOutputs.
 */
export function encodeTargets(
  labels: Int32Array,
  nOutputs: number,
): Float64Array {
  if (nOutputs === 1) {
    const out = new Float64Array(labels.length);
    labels.forEach((label, i) => {
      if (label !== 0 && label !== 1) {
        throw new Error(
          `encodeTargets: label ${label} needs more than one output unit`,
        );
      }
      out[i] = label;
    });
    return out;
  }

  const out = new Float64Array(labels.length * nOutputs);
  labels.forEach((label, i) => {
    if (label < 0 || label >= nOutputs) {
      throw new Error(
        `encodeTargets: label ${label} does not fit ${nOutputs} output units`,
      );
    }
    out[i * nOutputs + label] = 1;
  });
  return out;
}
