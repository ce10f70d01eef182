import * as v from 'valibot';
import { HiddenActivations, Losses, OutputActivations } from '../experiment.ts';
import {
  finiteNumber,
  intAtLeast,
  parseWith,
  type Parsed,
} from '../validation.ts';
import { meanLoss } from './losses.ts';
import {
  cloneNetwork,
  halfSquaredWeights,
  matrixToRows,
  networkFromParams,
  rowsToMatrix,
  validateNetwork,
  type Network,
} from './network.ts';
import { backward, createWorkspace, forward } from './propagation.ts';

// One plain gradient step laid bare, for the step inspector and the CLI.
// Every array is nested plain numbers: per layer, per sample, per unit.

/** A layer's weights [fanIn][fanOut] and bias [fanOut] as plain arrays. */
export interface PlainLayer {
  weights: number[][];
  bias: number[];
}

/** Everything one SGD step computes, in the order it computes it. */
export interface StepTrace {
  /** Network output [batch][nOutputs]. */
  output: number[][];
  /** Mean loss over the batch (plus ½λΣW² when l2 > 0). */
  loss: number;
  /** Z per layer [layer][batch][units]. */
  preActivations: number[][][];
  /** A per layer [layer][batch][units]. */
  activations: number[][][];
  /** dL/dZ per layer [layer][batch][units]. */
  deltas: number[][][];
  /** dL/dW and dL/db per layer (including λW when l2 > 0). */
  gradients: PlainLayer[];
  /** Parameters after θ ← θ − η·g. */
  updated: PlainLayer[];
}

/**
 * Computes one plain SGD step on the batch (X, Y) without changing
 * `network`, reporting every intermediate value.
 */
export function gradientStep(
  network: Network,
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  learningRate: number,
  l2 = 0,
): StepTrace {
  const layers = network.layers;
  const nInputs = layers[0].fanIn;
  const nOutputs = layers[layers.length - 1].fanOut;
  const batchSize = X.length;
  checkBatch(X, Y, nInputs, nOutputs);

  const x = rowsToMatrix(X);
  const y = rowsToMatrix(Y);
  const ws = createWorkspace(network, batchSize);
  const out = forward(network, x, batchSize, ws);
  backward(network, x, y, batchSize, ws);

  let loss = meanLoss(network.loss, out, y, batchSize, nOutputs);
  if (l2 > 0) loss += l2 * halfSquaredWeights(network);

  const updatedNet = cloneNetwork(network);
  const gradients: PlainLayer[] = [];
  const updated: PlainLayer[] = [];
  layers.forEach((layer, l) => {
    const dWeights = ws.dWeights[l].slice();
    for (let t = 0; t < dWeights.length; t++) {
      dWeights[t] += l2 * layer.weights[t];
    }
    const target = updatedNet.layers[l];
    for (let t = 0; t < dWeights.length; t++) {
      target.weights[t] -= learningRate * dWeights[t];
    }
    for (let j = 0; j < layer.fanOut; j++) {
      target.bias[j] -= learningRate * ws.dBias[l][j];
    }

    gradients.push({
      weights: matrixToRows(dWeights, layer.fanIn, layer.fanOut),
      bias: Array.from(ws.dBias[l]),
    });
    updated.push({
      weights: matrixToRows(target.weights, layer.fanIn, layer.fanOut),
      bias: Array.from(target.bias),
    });
  });

  const perLayer = (buffers: Float64Array[]) =>
    layers.map((layer, l) => matrixToRows(buffers[l], batchSize, layer.fanOut));
  return {
    output: matrixToRows(out, batchSize, nOutputs),
    loss,
    preActivations: perLayer(ws.z),
    activations: perLayer(ws.a),
    deltas: perLayer(ws.delta),
    gradients,
    updated,
  };
}

/** Throws unless X and Y are non-empty batches of the network's shapes. */
function checkBatch(
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  nInputs: number,
  nOutputs: number,
): void {
  if (X.length === 0) throw new Error('gradientStep: X has no rows');
  if (Y.length !== X.length) {
    throw new Error(
      `gradientStep: X has ${X.length} rows but Y has ${Y.length}`,
    );
  }
  X.forEach((row, i) => {
    if (row.length !== nInputs) {
      throw new Error(
        `gradientStep: X.${i} has ${row.length} values, expected ${nInputs}`,
      );
    }
  });
  Y.forEach((row, i) => {
    if (row.length !== nOutputs) {
      throw new Error(
        `gradientStep: Y.${i} has ${row.length} values, expected ${nOutputs}`,
      );
    }
  });
}

const MatrixSchema = v.pipe(
  v.array(v.pipe(v.array(finiteNumber()), v.minLength(1))),
  v.minLength(1),
);

/** A step case file: a network, one batch and a learning rate. */
export const StepCaseSchema = v.looseObject({
  name: v.optional(v.string()),
  /** Units per layer from the input, e.g. [2, 10, 1]. */
  layerSizes: v.pipe(v.array(intAtLeast(1)), v.minLength(2)),
  /** One activation per hidden layer. */
  hiddenActivations: v.array(v.picklist(HiddenActivations)),
  outputActivation: v.picklist(OutputActivations),
  loss: v.picklist(Losses),
  learningRate: v.pipe(finiteNumber(), v.minValue(0)),
  l2: v.optional(v.pipe(finiteNumber(), v.minValue(0))),
  X: MatrixSchema,
  Y: MatrixSchema,
  layers: v.array(
    v.strictObject({ weights: MatrixSchema, bias: v.array(finiteNumber()) }),
  ),
});

/** A validated step case, ready for gradientStep. */
export interface StepCase {
  name: string;
  network: Network;
  X: number[][];
  Y: number[][];
  learningRate: number;
  l2: number;
}

/** Validates a step case (as in batch-steps.json) and builds its network. */
export function networkFromStepCase(input: unknown): Parsed<StepCase> {
  const parsed = parseWith(StepCaseSchema, input);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  const sizes = c.layerSizes;
  const nLayers = sizes.length - 1;

  if (c.hiddenActivations.length !== nLayers - 1) {
    return fail(
      `hiddenActivations: has ${c.hiddenActivations.length} entries ` +
        `but layerSizes has ${nLayers - 1} hidden layers`,
    );
  }
  if (c.layers.length !== nLayers) {
    return fail(
      `layers: has ${c.layers.length} entries ` +
        `but layerSizes implies ${nLayers}`,
    );
  }
  for (let l = 0; l < nLayers; l++) {
    const { weights, bias } = c.layers[l];
    if (weights.length !== sizes[l]) {
      return fail(
        `layers.${l}.weights: has ${weights.length} rows, ` +
          `expected ${sizes[l]} (layerSizes.${l})`,
      );
    }
    const ragged = weights.findIndex((row) => row.length !== sizes[l + 1]);
    if (ragged >= 0) {
      return fail(
        `layers.${l}.weights.${ragged}: ` +
          `has ${weights[ragged].length} values, expected ${sizes[l + 1]}`,
      );
    }
    if (bias.length !== sizes[l + 1]) {
      return fail(
        `layers.${l}.bias: has ${bias.length} values, expected ${sizes[l + 1]}`,
      );
    }
  }

  const params = {
    loss: c.loss,
    layers: c.layers.map((layer, l) => ({
      activation: l < nLayers - 1 ? c.hiddenActivations[l] : c.outputActivation,
      weights: layer.weights,
      bias: layer.bias,
    })),
  };
  const problem = validateNetwork(params, '');
  if (problem) return fail(problem.replace(/^\./, ''));

  if (c.Y.length !== c.X.length) {
    return fail(`Y: has ${c.Y.length} rows but X has ${c.X.length}`);
  }
  const badX = c.X.findIndex((row) => row.length !== sizes[0]);
  if (badX >= 0)
    return fail(
      `X.${badX}: has ${c.X[badX].length} values, expected ${sizes[0]}`,
    );
  const badY = c.Y.findIndex((row) => row.length !== sizes[nLayers]);
  if (badY >= 0)
    return fail(
      `Y.${badY}: has ${c.Y[badY].length} values, expected ${sizes[nLayers]}`,
    );

  return {
    ok: true,
    value: {
      name: c.name ?? 'step',
      network: networkFromParams(params),
      X: c.X,
      Y: c.Y,
      learningRate: c.learningRate,
      l2: c.l2 ?? 0,
    },
  };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
