// Two-dimensional toy data sets for playing with decision boundaries. Each is
// a clean shape plus Gaussian noise of standard deviation `noise` on both
// coordinates, drawn from the seedrandom stream "<seed>/toy". Samples come
// class by class; X is nSamples × 2, row-major.

import seedrandom from 'seedrandom';
import type { ToyKind, ToyRecipe } from '../recipe.ts';

/** A generated toy set: points row-major, labels, and the class count. */
export interface ToyData {
  X: Float64Array;
  y: Int32Array;
  nSamples: number;
  nFeatures: 2;
  nClasses: number;
}

/** A source of uniform doubles in [0, 1). */
type Uniform = () => number;

/** Standard normals by Box–Muller, using both values of each pair. */
function normalSource(uniform: Uniform): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }

    // 1 − u lies in (0, 1], so the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** Samples in class `c` when `n` are shared as evenly as possible by `k`. */
function classSize(n: number, k: number, c: number): number {
  return Math.floor(n / k) + (c < n % k ? 1 : 0);
}

/** Draws every point: `place` gives the clean point of sample i of class c. */
function generate(
  recipe: ToyRecipe,
  nClasses: number,
  place: (c: number, i: number, size: number, uniform: Uniform) => number[],
  spread = 0,
): ToyData {
  const { nSamples, noise } = recipe;
  const uniform = seedrandom(`${recipe.seed}/toy`);
  const normal = normalSource(uniform);
  const X = new Float64Array(nSamples * 2);
  const y = new Int32Array(nSamples);

  // The noise draws happen even at noise 0 so that a set keeps its points
  // when only the noise changes.
  const sd = Math.sqrt(spread * spread + noise * noise);
  let row = 0;
  for (let c = 0; c < nClasses; c++) {
    const size = classSize(nSamples, nClasses, c);
    for (let i = 0; i < size; i++, row++) {
      const [px, py] = place(c, i, size, uniform);
      X[2 * row] = px + sd * normal();
      X[2 * row + 1] = py + sd * normal();
      y[row] = c;
    }
  }
  return { X, y, nSamples, nFeatures: 2, nClasses };
}

/** Throws unless the recipe asks for two classes (or does not say). */
function twoClasses(recipe: ToyRecipe): number {
  if (recipe.nClasses !== undefined && recipe.nClasses !== 2) {
    throw new Error(
      `nClasses: ${recipe.kind} has exactly 2 classes, got ${recipe.nClasses}`,
    );
  }
  return 2;
}

/** Class 0 on the unit circle, class 1 on a concentric circle of radius ½. */
export function circles(recipe: ToyRecipe): ToyData {
  return generate(recipe, twoClasses(recipe), (c, i, size) => {
    const radius = c === 0 ? 1 : 0.5;
    const angle = (2 * Math.PI * i) / size;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  });
}

/** Two interleaving half circles of radius 1, as scikit-learn's make_moons. */
export function moons(recipe: ToyRecipe): ToyData {
  return generate(recipe, twoClasses(recipe), (c, i, size) => {
    const angle = size > 1 ? (Math.PI * i) / (size - 1) : 0;
    if (c === 0) return [Math.cos(angle), Math.sin(angle)];
    return [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
  });
}

/** Points uniform in [−1, 1]²: class 0 where x·y ≥ 0, class 1 elsewhere. */
export function xor(recipe: ToyRecipe): ToyData {
  return generate(recipe, twoClasses(recipe), (c, _i, _size, uniform) => {
    const x = 2 * uniform() - 1;
    const y = 2 * uniform() - 1;
    const flip = x * y >= 0 === (c === 0) ? 1 : -1;
    return [x, flip * y];
  });
}

/** Turns each spiral arm makes from the centre to radius 1. */
export const SPIRAL_TURNS = 0.75;

/**
 * `nClasses` interleaved spiral arms (two by default): arm c at radius r lies
 * at angle 2πc/nClasses + 2π·SPIRAL_TURNS·r, radii evenly spaced in (0, 1].
 */
export function spiral(recipe: ToyRecipe): ToyData {
  const k = recipe.nClasses ?? 2;
  return generate(recipe, k, (c, i, size) => {
    const radius = (i + 1) / size;
    const angle = (2 * Math.PI * c) / k + 2 * Math.PI * SPIRAL_TURNS * radius;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  });
}

/** Radius of the circle the Gaussian blobs' centres sit on. */
export const GAUSSIAN_RADIUS = 2;

/** Standard deviation of each Gaussian blob before noise is added. */
export const GAUSSIAN_SPREAD = 0.5;

/**
 * `nClasses` round Gaussian blobs (two by default) centred on a circle of
 * radius 2 at angles 2πc/nClasses; noise widens each blob.
 */
export function gaussians(recipe: ToyRecipe): ToyData {
  const k = recipe.nClasses ?? 2;
  const place = (c: number) => {
    const angle = (2 * Math.PI * c) / k;
    return [
      GAUSSIAN_RADIUS * Math.cos(angle),
      GAUSSIAN_RADIUS * Math.sin(angle),
    ];
  };
  return generate(recipe, k, place, GAUSSIAN_SPREAD);
}

const generators: Record<ToyKind, (recipe: ToyRecipe) => ToyData> = {
  circles,
  moons,
  xor,
  spiral,
  gaussians,
};

/** Generates the toy set the recipe names. */
export function makeToy(recipe: ToyRecipe): ToyData {
  if (!Number.isInteger(recipe.nSamples) || recipe.nSamples < 2) {
    throw new Error(`nSamples: must be an integer of at least 2`);
  }
  if (!(recipe.noise >= 0 && Number.isFinite(recipe.noise))) {
    throw new Error(`noise: must be a finite number of at least 0`);
  }
  const k = recipe.nClasses;
  if (k !== undefined && (!Number.isInteger(k) || k < 2)) {
    throw new Error(`nClasses: must be an integer of at least 2`);
  }
  if (k !== undefined && k > recipe.nSamples) {
    throw new Error(
      `nClasses: ${k} classes need at least ${k} samples, got ${recipe.nSamples}`,
    );
  }
  return generators[recipe.kind](recipe);
}
