// scikit-learn 1.2's make_classification, reproduced draw for draw on a port
// of numpy's legacy RandomState: a given randomState yields the notebook's
// exact data set. X is nSamples × nFeatures, row-major.

import type { MakeClassificationRecipe } from '../recipe.ts';
import { MAX_SEED, RandomState } from './numpy-random.ts';

/** A generated classification problem: features row-major, integer labels. */
export interface ClassificationData {
  X: Float64Array;
  y: Int32Array;
  nSamples: number;
  nFeatures: number;
}

/** The recipe with every scikit-learn default filled in. */
interface Settings {
  nSamples: number;
  nFeatures: number;
  nInformative: number;
  nRedundant: number;
  nRepeated: number;
  nClasses: number;
  nClustersPerClass: number;
  weights: number[] | null;
  flipY: number;
  classSep: number;
  hypercube: boolean;
  shift: number | number[] | null;
  scale: number | number[] | null;
  shuffle: boolean;
  randomState: number | null;
}

/** Fills scikit-learn's defaults into a recipe. */
function withDefaults(recipe: MakeClassificationRecipe): Settings {
  return {
    nSamples: recipe.nSamples ?? 100,
    nFeatures: recipe.nFeatures ?? 20,
    nInformative: recipe.nInformative ?? 2,
    nRedundant: recipe.nRedundant ?? 2,
    nRepeated: recipe.nRepeated ?? 0,
    nClasses: recipe.nClasses ?? 2,
    nClustersPerClass: recipe.nClustersPerClass ?? 2,
    weights: recipe.weights ?? null,
    flipY: recipe.flipY ?? 0.01,
    classSep: recipe.classSep ?? 1.0,
    hypercube: recipe.hypercube ?? true,
    shift: recipe.shift === undefined ? 0.0 : recipe.shift,
    scale: recipe.scale === undefined ? 1.0 : recipe.scale,
    shuffle: recipe.shuffle ?? true,
    randomState: recipe.randomState ?? null,
  };
}

/** Throws unless `value` is an integer no smaller than `min`. */
function checkInt(field: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${field}: must be an integer of at least ${min}`);
  }
}

/** Throws unless `value` is one finite number or one per feature. */
function checkPerFeature(
  field: string,
  value: number | number[] | null,
  nFeatures: number,
): void {
  if (value === null) return;
  const values = typeof value === 'number' ? [value] : value;
  if (values.length !== 1 && values.length !== nFeatures) {
    throw new Error(
      `${field}: has ${values.length} values; ` +
        `needs one per feature (${nFeatures}) or a single number`,
    );
  }
  values.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new Error(`${field}.${i}: must be finite`);
  });
}

/** Applies scikit-learn's checks (and a few it leaves to numpy) to `s`. */
function validate(s: Settings): void {
  checkInt('nSamples', s.nSamples, 1);
  checkInt('nFeatures', s.nFeatures, 1);
  checkInt('nInformative', s.nInformative, 1);
  checkInt('nRedundant', s.nRedundant, 0);
  checkInt('nRepeated', s.nRepeated, 0);
  checkInt('nClasses', s.nClasses, 1);
  checkInt('nClustersPerClass', s.nClustersPerClass, 1);

  const used = s.nInformative + s.nRedundant + s.nRepeated;
  if (used > s.nFeatures) {
    throw new Error(
      `nFeatures: must be at least nInformative + nRedundant + nRepeated ` +
        `(${s.nInformative} + ${s.nRedundant} + ${s.nRepeated} = ${used}), ` +
        `got ${s.nFeatures}`,
    );
  }

  const nClusters = s.nClasses * s.nClustersPerClass;
  if (s.nInformative < Math.log2(nClusters)) {
    throw new Error(
      `nInformative: ${s.nInformative} informative features cannot hold ` +
        `${s.nClasses} classes × ${s.nClustersPerClass} clusters ` +
        `(needs 2^nInformative ≥ nClasses·nClustersPerClass)`,
    );
  }

  if (s.weights !== null) {
    const n = s.weights.length;
    if (n !== s.nClasses && n !== s.nClasses - 1) {
      throw new Error(
        `weights: has ${n} entries; needs nClasses (${s.nClasses}) ` +
          `or nClasses − 1 (${s.nClasses - 1})`,
      );
    }
    s.weights.forEach((w, i) => {
      if (!Number.isFinite(w) || w < 0) {
        throw new Error(`weights.${i}: must be a number of at least 0`);
      }
    });
    const total = s.weights.reduce((sum, w) => sum + w, 0);
    if (n === s.nClasses - 1 && total > 1) {
      throw new Error(
        `weights: the ${n} given weights sum to ${total}, ` +
          'leaving the last class a negative weight',
      );
    }
  }

  if (!(s.flipY >= 0 && s.flipY <= 1)) {
    throw new Error(`flipY: must be between 0 and 1, got ${s.flipY}`);
  }
  if (!Number.isFinite(s.classSep)) {
    throw new Error(`classSep: must be finite, got ${s.classSep}`);
  }
  checkPerFeature('shift', s.shift, s.nFeatures);
  checkPerFeature('scale', s.scale, s.nFeatures);

  const seed = s.randomState;
  if (
    seed !== null &&
    (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
  ) {
    throw new Error(
      `randomState: must be an integer between 0 and ${MAX_SEED}, got ${seed}`,
    );
  }
}

/**
 * `k` distinct integers from [0, n) as sklearn's `sample_without_replacement`
 * picks them with method "auto": a permutation for moderate ratios, tracking
 * selection for small ones and reservoir sampling for large ones.
 */
export function sampleWithoutReplacement(
  n: number,
  k: number,
  rng: RandomState,
): number[] {
  if (k > n) {
    throw new Error(
      `sampleWithoutReplacement: cannot take ${k} samples from ${n}`,
    );
  }
  const ratio = n !== 0 ? k / n : 1;

  if (ratio > 0.01 && ratio < 0.99) {
    return Array.from(rng.permutation(n).subarray(0, k));
  }

  if (ratio < 0.2) {
    const selected = new Set<number>();
    const out: number[] = [];
    for (let i = 0; i < k; i++) {
      let j = rng.randint(0, n);
      while (selected.has(j)) j = rng.randint(0, n);
      selected.add(j);
      out.push(j);
    }
    return out;
  }

  const out = Array.from({ length: k }, (_, i) => i);
  for (let i = k; i < n; i++) {
    const j = rng.randint(0, i + 1);
    if (j < k) out[j] = i;
  }
  return out;
}

/**
 * `samples` distinct vertices of the `dims`-dimensional unit hypercube as a
 * samples × dims row-major 0/1 array; beyond 30 dimensions the extra leading
 * coordinates are random bits, as scikit-learn does.
 */
function generateHypercube(
  samples: number,
  dims: number,
  rng: RandomState,
): Uint8Array {
  const out = new Uint8Array(samples * dims);

  if (dims > 30) {
    const extra = dims - 30;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < extra; j++) out[i * dims + j] = rng.randint(0, 2);
    }
    const rest = generateHypercube(samples, 30, rng);
    for (let i = 0; i < samples; i++) {
      out.set(rest.subarray(i * 30, i * 30 + 30), i * dims + extra);
    }
    return out;
  }

  // The leftmost coordinate is the most significant bit.
  const vertices = sampleWithoutReplacement(2 ** dims, samples, rng);
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < dims; j++) {
      out[i * dims + j] = (vertices[i] >>> (dims - 1 - j)) & 1;
    }
  }
  return out;
}

/** Samples per cluster: by weight, then the remainder one each in turn. */
function clusterSizes(s: Settings): number[] {
  const nClusters = s.nClasses * s.nClustersPerClass;
  let weights = s.weights ?? Array(s.nClasses).fill(1.0 / s.nClasses);
  if (weights.length === s.nClasses - 1) {
    weights = [...weights, 1.0 - weights.reduce((sum, w) => sum + w, 0)];
  }

  const sizes = Array.from({ length: nClusters }, (_, k) =>
    Math.trunc((s.nSamples * weights[k % s.nClasses]) / s.nClustersPerClass),
  );
  const missing = s.nSamples - sizes.reduce((sum, n) => sum + n, 0);
  for (let i = 0; i < missing; i++) sizes[i % nClusters] += 1;
  return sizes;
}

/** Per-feature values from a number, an array (one or one per feature). */
function perFeature(value: number | number[], nFeatures: number): Float64Array {
  const values = typeof value === 'number' ? [value] : value;
  const out = new Float64Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    out[j] = values.length === 1 ? values[0] : values[j];
  }
  return out;
}

/**
 * Generates scikit-learn's `make_classification` data set for `recipe`,
 * identical (to rounding in the matrix products) to the Python call with the
 * same arguments; a null randomState picks a random seed.
 */
export function makeClassification(
  recipe: MakeClassificationRecipe,
): ClassificationData {
  const s = withDefaults(recipe);
  validate(s);

  const seed = s.randomState ?? Math.floor(Math.random() * (MAX_SEED + 1));
  const rng = new RandomState(seed);
  const { nSamples, nFeatures, nInformative, nRedundant, nRepeated } = s;
  const nClusters = s.nClasses * s.nClustersPerClass;
  const nUseless = nFeatures - nInformative - nRedundant - nRepeated;
  const sizes = clusterSizes(s);
  const X = new Float64Array(nSamples * nFeatures);
  const y = new Int32Array(nSamples);

  const centroids = centroidsFor(s, nClusters, rng);

  // Informative features start as standard normals, row by row.
  for (let i = 0; i < nSamples; i++) {
    rng.fillStandardNormal(X, i * nFeatures, nInformative);
  }

  let stop = 0;
  for (let c = 0; c < nClusters; c++) {
    // Clusters past nSamples (weights summing above 1) come out empty.
    const start = Math.min(stop, nSamples);
    stop = Math.min(stop + sizes[c], nSamples);
    const A = rng.uniformArray(nInformative * nInformative);
    for (let t = 0; t < A.length; t++) A[t] = 2 * A[t] - 1;
    transformCluster(X, y, start, stop, c % s.nClasses, A, centroids, c, s);
  }

  if (nRedundant > 0) {
    const B = rng.uniformArray(nInformative * nRedundant);
    for (let t = 0; t < B.length; t++) B[t] = 2 * B[t] - 1;
    addRedundant(X, nSamples, nFeatures, nInformative, nRedundant, B);
  }

  if (nRepeated > 0) {
    const n = nInformative + nRedundant;
    const picks = rng.uniformArray(nRepeated);
    for (let r = 0; r < nRepeated; r++) {
      const source = Math.trunc((n - 1) * picks[r] + 0.5);
      for (let i = 0; i < nSamples; i++) {
        X[i * nFeatures + n + r] = X[i * nFeatures + source];
      }
    }
  }

  if (nUseless > 0) {
    const first = nFeatures - nUseless;
    for (let i = 0; i < nSamples; i++) {
      rng.fillStandardNormal(X, i * nFeatures + first, nUseless);
    }
  }

  flipLabels(y, s, rng);

  const shift =
    s.shift === null
      ? rng.uniformArray(nFeatures).map((u) => (2 * u - 1) * s.classSep)
      : perFeature(s.shift, nFeatures);
  const scale =
    s.scale === null
      ? rng.uniformArray(nFeatures).map((u) => 1 + 100 * u)
      : perFeature(s.scale, nFeatures);

  return finish(X, y, s, shift, scale, rng);
}

/** Hypercube vertices scaled to ±classSep (randomly shrunk if not a cube). */
function centroidsFor(
  s: Settings,
  nClusters: number,
  rng: RandomState,
): Float64Array {
  const k = s.nInformative;
  const bits = generateHypercube(nClusters, k, rng);
  const centroids = new Float64Array(nClusters * k);
  for (let t = 0; t < centroids.length; t++) {
    centroids[t] = bits[t] * (2 * s.classSep) - s.classSep;
  }

  if (!s.hypercube) {
    const perCluster = rng.uniformArray(nClusters);
    const perFeat = rng.uniformArray(k);
    for (let c = 0; c < nClusters; c++) {
      for (let j = 0; j < k; j++) centroids[c * k + j] *= perCluster[c];
    }
    for (let c = 0; c < nClusters; c++) {
      for (let j = 0; j < k; j++) centroids[c * k + j] *= perFeat[j];
    }
  }
  return centroids;
}

/** Labels rows [start, stop) and maps their informative part to x·A + μ. */
function transformCluster(
  X: Float64Array,
  y: Int32Array,
  start: number,
  stop: number,
  label: number,
  A: Float64Array,
  centroids: Float64Array,
  cluster: number,
  s: Settings,
): void {
  const k = s.nInformative;
  const nFeatures = s.nFeatures;
  const row = new Float64Array(k);

  for (let i = start; i < stop; i++) {
    const base = i * nFeatures;
    y[i] = label;
    for (let j = 0; j < k; j++) row[j] = X[base + j];
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let m = 0; m < k; m++) sum += row[m] * A[m * k + j];
      X[base + j] = sum;
    }
    for (let j = 0; j < k; j++) X[base + j] += centroids[cluster * k + j];
  }
}

/** Writes the redundant columns as informative · B. */
function addRedundant(
  X: Float64Array,
  nSamples: number,
  nFeatures: number,
  nInformative: number,
  nRedundant: number,
  B: Float64Array,
): void {
  for (let i = 0; i < nSamples; i++) {
    const base = i * nFeatures;
    for (let j = 0; j < nRedundant; j++) {
      let sum = 0;
      for (let m = 0; m < nInformative; m++) {
        sum += X[base + m] * B[m * nRedundant + j];
      }
      X[base + nInformative + j] = sum;
    }
  }
}

/** Replaces each label, with probability flipY, by a uniformly random one. */
function flipLabels(y: Int32Array, s: Settings, rng: RandomState): void {
  // Every sample draws its coin even when flipY is 0, as scikit-learn does.
  const coins = rng.uniformArray(s.nSamples);
  for (let i = 0; i < s.nSamples; i++) {
    if (coins[i] < s.flipY) y[i] = rng.randint(0, s.nClasses);
  }
}

/** Shifts and scales, then shuffles rows and columns, all in place. */
function finish(
  X: Float64Array,
  y: Int32Array,
  s: Settings,
  shift: Float64Array,
  scale: Float64Array,
  rng: RandomState,
): ClassificationData {
  const { nSamples, nFeatures } = s;

  // scikit-learn draws the row order before the column order.
  const rows = s.shuffle ? rng.permutation(nSamples) : null;
  const columns = s.shuffle ? rng.permutation(nFeatures) : null;

  // Column order, shift and scale as seen from each output column.
  const source = new Int32Array(nFeatures);
  const shiftOut = new Float64Array(nFeatures);
  const scaleOut = new Float64Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    source[j] = columns ? columns[j] : j;
    shiftOut[j] = shift[source[j]];
    scaleOut[j] = scale[source[j]];
  }

  const row = new Float64Array(nFeatures);
  for (let i = 0; i < nSamples; i++) {
    const base = i * nFeatures;
    for (let j = 0; j < nFeatures; j++) {
      row[j] = (X[base + source[j]] + shiftOut[j]) * scaleOut[j];
    }
    X.set(row, base);
  }

  if (rows) permuteRows(X, y, rows, nFeatures);
  return { X, y, nSamples, nFeatures };
}

/** Reorders rows in place so that row i becomes the old row `order[i]`. */
function permuteRows(
  X: Float64Array,
  y: Int32Array,
  order: Int32Array,
  nFeatures: number,
): void {
  const n = order.length;
  const done = new Uint8Array(n);
  const held = new Float64Array(nFeatures);

  // Follow each cycle of the permutation, holding its first row aside.
  for (let start = 0; start < n; start++) {
    if (done[start]) continue;
    held.set(X.subarray(start * nFeatures, (start + 1) * nFeatures));
    const heldLabel = y[start];
    let to = start;
    for (;;) {
      done[to] = 1;
      const from = order[to];
      if (from === start) break;
      X.copyWithin(to * nFeatures, from * nFeatures, (from + 1) * nFeatures);
      y[to] = y[from];
      to = from;
    }
    X.set(held, to * nFeatures);
    y[to] = heldLabel;
  }
}
