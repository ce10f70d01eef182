import { applyActivation, multiplyByDerivative } from './activations.ts';
import { outputDelta } from './losses.ts';
import type { Network } from './network.ts';

// Layout: X is row-major [batchSize × fanIn of layer 0], Y is
// [batchSize × fanOut of the last layer]. Per layer l the workspace keeps
// Z[l], A[l] and delta[l] as [capacity × fanOut] buffers (only the first
// batchSize rows are used), dWeights[l] as [fanIn × fanOut] and dBias[l] as
// [fanOut]. Nothing is allocated per batch.

/** Buffers for forward and backward passes of batches up to `capacity`. */
export interface Workspace {
  /** Largest batch the buffers hold. */
  capacity: number;
  /** Pre-activations per layer. */
  z: Float64Array[];
  /** Activations per layer. */
  a: Float64Array[];
  /** dL/dZ per layer. */
  delta: Float64Array[];
  /** dL/dW per layer, [fanIn × fanOut]. */
  dWeights: Float64Array[];
  /** dL/db per layer, [fanOut]. */
  dBias: Float64Array[];
}

/** Allocates a workspace for `network` and batches of up to `capacity` rows. */
export function createWorkspace(network: Network, capacity: number): Workspace {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new Error(
      `createWorkspace: capacity must be at least 1, got ${capacity}`,
    );
  }
  const layers = network.layers;
  return {
    capacity,
    z: layers.map((l) => new Float64Array(capacity * l.fanOut)),
    a: layers.map((l) => new Float64Array(capacity * l.fanOut)),
    delta: layers.map((l) => new Float64Array(capacity * l.fanOut)),
    dWeights: layers.map((l) => new Float64Array(l.fanIn * l.fanOut)),
    dBias: layers.map((l) => new Float64Array(l.fanOut)),
  };
}

/**
 * Runs a batch through the network, filling Z and A of every layer; returns
 * the output buffer, whose first batchSize·nOutputs entries are the output.
 */
export function forward(
  network: Network,
  x: Float64Array,
  batchSize: number,
  ws: Workspace,
): Float64Array {
  if (batchSize > ws.capacity) {
    throw new Error(
      `forward: batch of ${batchSize} exceeds the workspace capacity ${ws.capacity}`,
    );
  }
  const layers = network.layers;
  const nLayers = layers.length;

  let input = x;
  for (let l = 0; l < nLayers; l++) {
    const layer = layers[l];
    const z = ws.z[l];
    affine(
      input,
      layer.weights,
      layer.bias,
      z,
      batchSize,
      layer.fanIn,
      layer.fanOut,
    );
    applyActivation(layer.activation, z, ws.a[l], batchSize, layer.fanOut);
    input = ws.a[l];
  }
  return input;
}

/** Z = X·W + b for a batch, streaming contiguous rows of W (i-k-j order). */
function affine(
  x: Float64Array,
  weights: Float64Array,
  bias: Float64Array,
  z: Float64Array,
  batchSize: number,
  fanIn: number,
  fanOut: number,
): void {
  for (let i = 0; i < batchSize; i++) {
    const zRow = i * fanOut;
    const xRow = i * fanIn;
    for (let j = 0; j < fanOut; j++) z[zRow + j] = bias[j];

    for (let k = 0; k < fanIn; k++) {
      const xik = x[xRow + k];
      if (xik === 0) continue;
      const wRow = k * fanOut;
      for (let j = 0; j < fanOut; j++) z[zRow + j] += xik * weights[wRow + j];
    }
  }
}

/**
 * Back-propagates a batch after `forward`: fills every layer's delta
 * (dL/dZ), dWeights and dBias for the mean loss over the batch.
 */
export function backward(
  network: Network,
  x: Float64Array,
  y: Float64Array,
  batchSize: number,
  ws: Workspace,
): void {
  const layers = network.layers;
  const last = layers.length - 1;
  const output = layers[last];

  outputDelta(
    network.loss,
    output.activation,
    ws.z[last],
    ws.a[last],
    y,
    batchSize,
    output.fanOut,
    ws.delta[last],
  );

  for (let l = last; l >= 0; l--) {
    const layer = layers[l];
    const input = l > 0 ? ws.a[l - 1] : x;
    accumulateGradients(
      input,
      ws.delta[l],
      ws.dWeights[l],
      ws.dBias[l],
      batchSize,
      layer.fanIn,
      layer.fanOut,
    );

    if (l > 0) {
      const below = layers[l - 1];
      const dPrevious = ws.delta[l - 1];
      propagateDelta(
        ws.delta[l],
        layer.weights,
        dPrevious,
        batchSize,
        layer.fanIn,
        layer.fanOut,
      );
      multiplyByDerivative(
        below.activation,
        dPrevious,
        ws.z[l - 1],
        ws.a[l - 1],
        batchSize * below.fanOut,
      );
    }
  }
}

/** dW = Aᵀ·delta and db = Σ_i delta over the batch (i-k-j order). */
function accumulateGradients(
  input: Float64Array,
  delta: Float64Array,
  dWeights: Float64Array,
  dBias: Float64Array,
  batchSize: number,
  fanIn: number,
  fanOut: number,
): void {
  dWeights.fill(0);
  dBias.fill(0);

  for (let i = 0; i < batchSize; i++) {
    const dRow = i * fanOut;
    const inRow = i * fanIn;
    for (let j = 0; j < fanOut; j++) dBias[j] += delta[dRow + j];

    for (let k = 0; k < fanIn; k++) {
      const aik = input[inRow + k];
      if (aik === 0) continue;
      const wRow = k * fanOut;
      for (let j = 0; j < fanOut; j++)
        dWeights[wRow + j] += aik * delta[dRow + j];
    }
  }
}

/** dA_prev = delta·Wᵀ: each entry is a dot product of two contiguous rows. */
function propagateDelta(
  delta: Float64Array,
  weights: Float64Array,
  dPrevious: Float64Array,
  batchSize: number,
  fanIn: number,
  fanOut: number,
): void {
  for (let i = 0; i < batchSize; i++) {
    const dRow = i * fanOut;
    const outRow = i * fanIn;
    for (let k = 0; k < fanIn; k++) {
      const wRow = k * fanOut;
      let sum = 0;
      for (let j = 0; j < fanOut; j++)
        sum += delta[dRow + j] * weights[wRow + j];
      dPrevious[outRow + k] = sum;
    }
  }
}

/** The network's outputs for `batchSize` rows of X, as a fresh array. */
export function predict(
  network: Network,
  x: Float64Array,
  batchSize: number,
): Float64Array {
  const ws = createWorkspace(network, Math.max(1, batchSize));
  const nOutputs = network.layers[network.layers.length - 1].fanOut;
  return forward(network, x, batchSize, ws).slice(0, batchSize * nOutputs);
}
