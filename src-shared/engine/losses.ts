import type { Activation, LossName } from '../experiment.ts';
import { multiplyByDerivative, softmaxJacobianProduct } from './activations.ts';

// Layout: outputs P and targets Y are row-major Float64Array
// [batchSize × nOutputs]. Every loss is a mean over the batch:
//   mse: ½(y − p)² averaged over samples and outputs;
//   bce: −(y log p + (1 − y) log(1 − p)) averaged over samples and outputs;
//   cce: −Σ_k y_k log p_k averaged over samples.

/** Probabilities are clamped to [EPS, 1 − EPS] before taking logs. */
export const PROBABILITY_EPS = 1e-15;

/**
 * Why a loss cannot follow an output activation, or null when it can: bce
 * needs sigmoid probabilities, cce needs a softmax over at least two
 * outputs, mse works with every output activation.
 */
export function lossCompatibilityProblem(
  loss: LossName,
  outputActivation: Activation,
  nOutputs: number,
): string | null {
  if (loss === 'bce' && outputActivation !== 'sigmoid') {
    return `loss bce needs a sigmoid output, got ${outputActivation}`;
  }
  if (loss === 'cce' && outputActivation !== 'softmax') {
    return `loss cce needs a softmax output, got ${outputActivation}`;
  }
  if (loss === 'cce' && nOutputs < 2) {
    return `loss cce needs at least 2 outputs, got ${nOutputs}`;
  }
  return null;
}

/** Sum of the per-element loss terms over `rows` samples (not yet a mean). */
export function lossSum(
  loss: LossName,
  p: Float64Array,
  y: Float64Array,
  rows: number,
  cols: number,
  pOffset = 0,
  yOffset = 0,
): number {
  const length = rows * cols;
  const high = 1 - PROBABILITY_EPS;
  let sum = 0;
  switch (loss) {
    case 'mse':
      for (let t = 0; t < length; t++) {
        const diff = y[yOffset + t] - p[pOffset + t];
        sum += 0.5 * diff * diff;
      }
      return sum;
    case 'bce':
      for (let t = 0; t < length; t++) {
        const target = y[yOffset + t];
        const raw = p[pOffset + t];
        const prob =
          raw < PROBABILITY_EPS ? PROBABILITY_EPS : raw > high ? high : raw;
        sum -= target * Math.log(prob) + (1 - target) * Math.log(1 - prob);
      }
      return sum;
    case 'cce':
      for (let t = 0; t < length; t++) {
        const target = y[yOffset + t];
        if (target === 0) continue;
        const raw = p[pOffset + t];
        const prob =
          raw < PROBABILITY_EPS ? PROBABILITY_EPS : raw > high ? high : raw;
        sum -= target * Math.log(prob);
      }
      return sum;
  }
}

/** The divisor that turns a loss sum over `rows` samples into the mean. */
export function lossDivisor(loss: LossName, rows: number, cols: number) {
  return loss === 'cce' ? rows : rows * cols;
}

/** Mean loss of a batch. */
export function meanLoss(
  loss: LossName,
  p: Float64Array,
  y: Float64Array,
  rows: number,
  cols: number,
): number {
  return lossSum(loss, p, y, rows, cols) / lossDivisor(loss, rows, cols);
}

/**
 * Writes dL/dZ of the output layer into `delta`: the fused (p − y)/n for
 * sigmoid+bce and softmax+cce (divided by the output count for bce), and the
 * chain rule through the activation (softmax's Jacobian included) for mse.
 */
export function outputDelta(
  loss: LossName,
  activation: Activation,
  z: Float64Array,
  p: Float64Array,
  y: Float64Array,
  rows: number,
  cols: number,
  delta: Float64Array,
): void {
  const length = rows * cols;
  const scale = 1 / lossDivisor(loss, rows, cols);

  const problem = lossCompatibilityProblem(loss, activation, cols);
  if (problem) throw new Error(`outputDelta: ${problem}`);

  // Fused and mse gradients alike start from (p − y) scaled to the mean.
  for (let t = 0; t < length; t++) delta[t] = (p[t] - y[t]) * scale;
  if (loss !== 'mse') return;

  if (activation === 'softmax') softmaxJacobianProduct(delta, p, rows, cols);
  else multiplyByDerivative(activation, delta, z, p, length);
}
