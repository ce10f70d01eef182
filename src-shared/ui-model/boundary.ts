import { networkFromParams, predict } from '../engine/index.ts';
import type { ExperimentData } from '../experiment-run.ts';
import type { NetworkParams } from '../model-schema.ts';

// The decision boundary over two features: the network's answer on a grid,
// every other feature held at the training mean (0 once standardized).

/** Grid cells along each axis at most. */
export const GRID = 100;

/**
 * Cells along each axis for a network, so that one grid costs about
 * `budget` multiply-adds: a big network gets a coarser grid, which keeps
 * frames short while it trains.
 */
export function gridSize(params: NetworkParams, budget: number): number {
  let perSample = 0;
  for (const layer of params.layers) {
    perSample += layer.weights.length * layer.bias.length;
  }
  const size = Math.round(Math.sqrt(budget / Math.max(1, perSample)));
  return Math.max(32, Math.min(GRID, size));
}

/** A computed grid: per cell the winning class and its confidence. */
export interface BoundaryGrid {
  /** Cells along each axis. */
  size: number;
  xRange: [number, number];
  yRange: [number, number];
  /** Class per cell, row 0 at the top. */
  label: Uint8Array;
  /** Confidence per cell in 0–1: 0 on the boundary, 1 far from it. */
  strength: Float32Array;
}

/** The data range of column `feature` of a row-major matrix, padded 5 %. */
export function columnRange(
  X: Float64Array,
  nFeatures: number,
  feature: number,
): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = feature; i < X.length; i += nFeatures) {
    if (X[i] < min) min = X[i];
    if (X[i] > max) max = X[i];
  }
  if (!Number.isFinite(min)) return [-1, 1];
  if (min === max) return [min - 1, max + 1];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** Mean of every feature over the training part. */
function trainMeans(data: ExperimentData): Float64Array {
  const { xTrain, nTrain, nFeatures } = data.prepared;
  const means = new Float64Array(nFeatures);
  if (nTrain === 0) return means;
  for (let i = 0; i < nTrain; i++) {
    for (let f = 0; f < nFeatures; f++) means[f] += xTrain[i * nFeatures + f];
  }
  for (let f = 0; f < nFeatures; f++) means[f] /= nTrain;
  return means;
}

/** Both parts' samples together, for the axis ranges. */
function allPoints(data: ExperimentData): Float64Array {
  const { xTrain, xTest } = data.prepared;
  const all = new Float64Array(xTrain.length + xTest.length);
  all.set(xTrain);
  all.set(xTest, xTrain.length);
  return all;
}

/** The network's classes over a size×size grid of features fx and fy. */
export function boundaryGrid(
  params: NetworkParams,
  data: ExperimentData,
  fx: number,
  fy: number,
  size = GRID,
): BoundaryGrid {
  const nFeatures = data.prepared.nFeatures;
  const points = allPoints(data);
  const xRange = columnRange(points, nFeatures, fx);
  const yRange = columnRange(points, nFeatures, fy);
  const base = data.prepared.standardization
    ? new Float64Array(nFeatures)
    : trainMeans(data);

  const n = size * size;
  const X = new Float64Array(n * nFeatures);
  for (let r = 0; r < size; r++) {
    const y = yRange[1] - ((r + 0.5) / size) * (yRange[1] - yRange[0]);
    for (let c = 0; c < size; c++) {
      const x = xRange[0] + ((c + 0.5) / size) * (xRange[1] - xRange[0]);
      const row = (r * size + c) * nFeatures;
      X.set(base, row);
      X[row + fx] = x;
      X[row + fy] = y;
    }
  }

  const network = networkFromParams(params);
  const output = predict(network, X, n);
  const nOutputs = output.length / n;
  const label = new Uint8Array(n);
  const strength = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (nOutputs === 1) {
      const p = output[i];
      label[i] = p >= 0.5 ? 1 : 0;
      strength[i] = Math.min(1, Math.abs(p - 0.5) * 2);
      continue;
    }
    let best = 0;
    for (let j = 1; j < nOutputs; j++) {
      if (output[i * nOutputs + j] > output[i * nOutputs + best]) best = j;
    }
    const chance = 1 / nOutputs;
    label[i] = best;
    strength[i] = Math.max(
      0,
      Math.min(1, (output[i * nOutputs + best] - chance) / (1 - chance)),
    );
  }
  return { size, xRange, yRange, label, strength };
}
