import type { Activation } from '../experiment.ts';

// Layout: a batch of pre-activations Z and activations A is a row-major
// Float64Array [batchSize × fanOut]; only the first batchSize·fanOut entries
// are read or written, so buffers may be larger than the batch.

/** Slope of leakyRelu for negative inputs. */
export const LEAKY_SLOPE = 0.01;

/** Writes A = f(Z) for `rows` rows of `cols` units each. */
export function applyActivation(
  activation: Activation,
  z: Float64Array,
  a: Float64Array,
  rows: number,
  cols: number,
): void {
  const length = rows * cols;
  switch (activation) {
    case 'identity':
      for (let t = 0; t < length; t++) a[t] = z[t];
      return;
    case 'sigmoid':
      for (let t = 0; t < length; t++) a[t] = 1 / (1 + Math.exp(-z[t]));
      return;
    case 'tanh':
      for (let t = 0; t < length; t++) a[t] = Math.tanh(z[t]);
      return;
    case 'relu':
      for (let t = 0; t < length; t++) a[t] = z[t] > 0 ? z[t] : 0;
      return;
    case 'leakyRelu':
      for (let t = 0; t < length; t++) {
        const value = z[t];
        a[t] = value > 0 ? value : LEAKY_SLOPE * value;
      }
      return;
    case 'softmax':
      softmaxRows(z, a, rows, cols);
      return;
  }
}

/** Row-wise softmax of Z into A. */
function softmaxRows(
  z: Float64Array,
  a: Float64Array,
  rows: number,
  cols: number,
): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    const end = row + cols;

    // Subtracting the row max keeps exp from overflowing; softmax is unchanged.
    let max = -Infinity;
    for (let t = row; t < end; t++) if (z[t] > max) max = z[t];

    let sum = 0;
    for (let t = row; t < end; t++) {
      const e = Math.exp(z[t] - max);
      a[t] = e;
      sum += e;
    }

    const inverse = 1 / sum;
    for (let t = row; t < end; t++) a[t] *= inverse;
  }
}

/**
 * Turns dL/dA into dL/dZ in place for an elementwise activation, using Z or
 * A, whichever gives the derivative directly; softmax is not elementwise and
 * is handled by the loss code.
 */
export function multiplyByDerivative(
  activation: Activation,
  d: Float64Array,
  z: Float64Array,
  a: Float64Array,
  length: number,
): void {
  switch (activation) {
    case 'identity':
      return;
    case 'sigmoid':
      for (let t = 0; t < length; t++) d[t] *= a[t] * (1 - a[t]);
      return;
    case 'tanh':
      for (let t = 0; t < length; t++) d[t] *= 1 - a[t] * a[t];
      return;
    case 'relu':
      for (let t = 0; t < length; t++) if (!(z[t] > 0)) d[t] = 0;
      return;
    case 'leakyRelu':
      for (let t = 0; t < length; t++) if (!(z[t] > 0)) d[t] *= LEAKY_SLOPE;
      return;
    case 'softmax':
      throw new Error(
        'multiplyByDerivative: softmax is only supported on the output layer',
      );
  }
}

/** Multiplies dL/dA by softmax's Jacobian, row by row, giving dL/dZ in place. */
export function softmaxJacobianProduct(
  d: Float64Array,
  a: Float64Array,
  rows: number,
  cols: number,
): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    const end = row + cols;

    let dot = 0;
    for (let t = row; t < end; t++) dot += a[t] * d[t];

    for (let t = row; t < end; t++) d[t] = a[t] * (d[t] - dot);
  }
}
