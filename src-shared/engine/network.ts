import {
  HiddenActivations,
  OutputActivations,
  type Activation,
  type InitName,
  type LossName,
  type NetworkSpec,
} from '../experiment.ts';
import type { LayerParams, NetworkParams } from '../model-schema.ts';
import { lossCompatibilityProblem } from './losses.ts';

// Layout: a layer's weights are a row-major Float64Array [fanIn × fanOut]
// (row k holds the weights leaving input k), its bias is [fanOut], and
// z = x·W + b for a row x of the batch.

/** One fully connected layer and its activation. */
export interface DenseLayer {
  /** Inputs to the layer. */
  fanIn: number;
  /** Units of the layer. */
  fanOut: number;
  activation: Activation;
  /** [fanIn × fanOut], row-major. */
  weights: Float64Array;
  /** [fanOut]. */
  bias: Float64Array;
}

/** A multi-layer perceptron: dense layers from input to output, and a loss. */
export interface Network {
  layers: DenseLayer[];
  loss: LossName;
}

/** A uniform random source on [0, 1), e.g. seedrandom('<seed>/init'). */
export type RandomSource = () => number;

/** Builds a freshly initialized network for `inputSize` features. */
export function createNetwork(
  inputSize: number,
  spec: NetworkSpec,
  nOutputs: number,
  random: RandomSource,
): Network {
  const shapes = spec.hidden.map((h) => ({
    units: h.units,
    activation: h.activation as Activation,
  }));
  shapes.push({ units: nOutputs, activation: spec.outputActivation });

  let fanIn = inputSize;
  const layers = shapes.map(({ units, activation }) => {
    const layer: DenseLayer = {
      fanIn,
      fanOut: units,
      activation,
      weights: initWeights(spec.init, fanIn, units, random),
      bias: new Float64Array(units),
    };
    fanIn = units;
    return layer;
  });

  const network: Network = { layers, loss: spec.loss };
  const problem = validateNetwork(networkToParams(network));
  if (problem) throw new Error(`createNetwork: ${problem}`);
  return network;
}

/** Draws a [fanIn × fanOut] weight matrix with the named initializer. */
export function initWeights(
  init: InitName,
  fanIn: number,
  fanOut: number,
  random: RandomSource,
): Float64Array {
  const weights = new Float64Array(fanIn * fanOut);
  const length = weights.length;

  if (init === 'glorotUniform') {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let t = 0; t < length; t++) weights[t] = (2 * random() - 1) * limit;
  } else if (init === 'heNormal') {
    const std = Math.sqrt(2 / fanIn);
    // Box–Muller yields normals in pairs; both are used.
    for (let t = 0; t < length; t += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - random()));
      const angle = 2 * Math.PI * random();
      weights[t] = std * radius * Math.cos(angle);
      if (t + 1 < length) weights[t + 1] = std * radius * Math.sin(angle);
    }
  }
  return weights;
}

/**
 * Describes the first problem of a network's parameters, or returns null:
 * shapes that do not chain, ragged rows, bias lengths, activations out of
 * place and losses that do not fit the output.
 */
export function validateNetwork(
  params: NetworkParams,
  root = 'network',
): string | null {
  const layers = params.layers;
  if (layers.length === 0) return `${root}.layers: must have at least 1 layer`;

  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const field = `${root}.layers.${l}`;
    const isOutput = l === layers.length - 1;

    const allowed: readonly string[] = isOutput
      ? OutputActivations
      : HiddenActivations;
    if (!allowed.includes(layer.activation)) {
      const role = isOutput ? 'an output' : 'a hidden';
      return (
        `${field}.activation: ${layer.activation} is not ${role} activation ` +
        `(use ${allowed.join(', ')})`
      );
    }

    const rows = layer.weights.length;
    if (rows === 0) return `${field}.weights: must have at least 1 row`;
    if (l > 0) {
      const previous = layers[l - 1].bias.length;
      if (rows !== previous) {
        return (
          `${field}.weights: has ${rows} rows ` +
          `but layer ${l - 1} has ${previous} units`
        );
      }
    }

    const fanOut = layer.weights[0].length;
    if (fanOut === 0) return `${field}.weights.0: must have at least 1 value`;
    for (let k = 1; k < rows; k++) {
      if (layer.weights[k].length !== fanOut) {
        return (
          `${field}.weights.${k}: has ${layer.weights[k].length} values ` +
          `but row 0 has ${fanOut}`
        );
      }
    }
    if (layer.bias.length !== fanOut) {
      return (
        `${field}.bias: has ${layer.bias.length} values ` +
        `but the weights have ${fanOut} columns`
      );
    }
  }

  const output = layers[layers.length - 1];
  const problem = lossCompatibilityProblem(
    params.loss,
    output.activation,
    output.bias.length,
  );
  return problem ? `${root}.loss: ${problem}` : null;
}

/**
 * Builds a network from plain-array parameters, throwing if they are invalid.
 */
export function networkFromParams(params: NetworkParams): Network {
  const problem = validateNetwork(params);
  if (problem) throw new Error(problem);

  const layers = params.layers.map((p): DenseLayer => {
    const fanIn = p.weights.length;
    const fanOut = p.bias.length;
    const weights = new Float64Array(fanIn * fanOut);
    for (let k = 0; k < fanIn; k++) weights.set(p.weights[k], k * fanOut);
    return {
      fanIn,
      fanOut,
      activation: p.activation,
      weights,
      bias: Float64Array.from(p.bias),
    };
  });
  return { layers, loss: params.loss };
}

/** A network's parameters as plain nested arrays. */
export function networkToParams(network: Network): NetworkParams {
  const layers = network.layers.map((layer): LayerParams => ({
    activation: layer.activation,
    weights: matrixToRows(layer.weights, layer.fanIn, layer.fanOut),
    bias: Array.from(layer.bias),
  }));
  return { layers, loss: network.loss };
}

/** A deep copy of a network. */
export function cloneNetwork(network: Network): Network {
  return {
    loss: network.loss,
    layers: network.layers.map((layer) => ({
      ...layer,
      weights: layer.weights.slice(),
      bias: layer.bias.slice(),
    })),
  };
}

/** ½ Σ W² over every layer's weights (biases excluded). */
export function halfSquaredWeights(network: Network): number {
  let sum = 0;
  for (const layer of network.layers) {
    const weights = layer.weights;
    const length = weights.length;
    for (let t = 0; t < length; t++) sum += weights[t] * weights[t];
  }
  return 0.5 * sum;
}

/** Rows of a row-major [rows × cols] matrix as nested arrays. */
export function matrixToRows(
  values: Float64Array,
  rows: number,
  cols: number,
): number[][] {
  const out: number[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    out[r] = Array.from(values.subarray(r * cols, (r + 1) * cols));
  }
  return out;
}

/** Nested rows packed into a row-major Float64Array. */
export function rowsToMatrix(rows: readonly (readonly number[])[]) {
  const cols = rows.length > 0 ? rows[0].length : 0;
  const out = new Float64Array(rows.length * cols);
  for (let r = 0; r < rows.length; r++) out.set(rows[r], r * cols);
  return out;
}
