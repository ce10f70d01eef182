import type { OptimizerSpec } from '../experiment.ts';
import type { OptimizerState } from '../model-schema.ts';
import { matrixToRows, rowsToMatrix, type Network } from './network.ts';

// Layout: every slot buffer has its parameter's shape, weights row-major
// [fanIn × fanOut] and bias [fanOut]. L2 strength λ adds λW to weight
// gradients (never to biases) before the update rule sees them.

/**
 * Slot buffers per layer: none for sgd, velocity for momentum, m and v for
 * adam.
 */
export const SlotCounts = { sgd: 0, momentum: 1, adam: 2 } as const;

/** The size of each layer, enough to check optimizer state against it. */
export interface LayerShape {
  fanIn: number;
  fanOut: number;
}

/** Updates a network's parameters in place from its gradients. */
export interface Optimizer {
  readonly kind: OptimizerSpec['kind'];
  /** Updates applied so far (Adam's t). */
  readonly step: number;
  /** Applies one update with gradients dWeights[l], dBias[l] per layer. */
  update(
    network: Network,
    dWeights: readonly Float64Array[],
    dBias: readonly Float64Array[],
    learningRate: number,
    l2: number,
  ): void;
  /** The optimizer's memory as plain arrays, for a model file. */
  exportState(): OptimizerState;
}

/**
 * Describes the first mismatch between optimizer state and a network's
 * layers (or the optimizer kind expected), or returns null.
 */
export function optimizerStateProblem(
  state: OptimizerState,
  shapes: readonly LayerShape[],
  expectedKind: OptimizerSpec['kind'] | null,
  root = 'optimizerState',
): string | null {
  if (expectedKind !== null && state.kind !== expectedKind) {
    const actual = state.kind;
    return `${root}.kind: is ${actual} but the optimizer is ${expectedKind}`;
  }
  if (state.slots.length !== shapes.length) {
    return (
      `${root}.slots: has ${state.slots.length} layers ` +
      `but the network has ${shapes.length}`
    );
  }

  const nSlots = SlotCounts[state.kind];
  for (let l = 0; l < shapes.length; l++) {
    const { fanIn, fanOut } = shapes[l];
    const { weights, bias } = state.slots[l];
    const field = `${root}.slots.${l}`;
    if (weights.length !== nSlots || bias.length !== nSlots) {
      return (
        `${field}: ${state.kind} keeps ${nSlots} slots, ` +
        `got ${weights.length} for weights and ${bias.length} for bias`
      );
    }
    for (let s = 0; s < nSlots; s++) {
      if (weights[s].length !== fanIn) {
        return (
          `${field}.weights.${s}: has ${weights[s].length} rows ` +
          `but the layer has ${fanIn} inputs`
        );
      }
      const ragged = weights[s].findIndex((row) => row.length !== fanOut);
      if (ragged >= 0) {
        return (
          `${field}.weights.${s}.${ragged}: ` +
          `has ${weights[s][ragged].length} values ` +
          `but the layer has ${fanOut} units`
        );
      }
      if (bias[s].length !== fanOut) {
        return (
          `${field}.bias.${s}: has ${bias[s].length} values ` +
          `but the layer has ${fanOut} units`
        );
      }
    }
  }
  return null;
}

/**
 * Creates the optimizer `spec` describes for `network`, resuming from
 * `state` when given; throws if the state does not fit.
 */
export function createOptimizer(
  spec: OptimizerSpec,
  network: Network,
  state: OptimizerState | null = null,
): Optimizer {
  const layers = network.layers;
  const nSlots = SlotCounts[spec.kind];

  if (state) {
    const problem = optimizerStateProblem(state, layers, spec.kind);
    if (problem) throw new Error(problem);
  }
  const slotW = layers.map((layer, l) =>
    Array.from({ length: nSlots }, (_, s) =>
      state
        ? rowsToMatrix(state.slots[l].weights[s])
        : new Float64Array(layer.fanIn * layer.fanOut),
    ),
  );
  const slotB = layers.map((layer, l) =>
    Array.from({ length: nSlots }, (_, s) =>
      state
        ? Float64Array.from(state.slots[l].bias[s])
        : new Float64Array(layer.fanOut),
    ),
  );

  let step = state ? state.step : 0;
  const exportState = (): OptimizerState => ({
    kind: spec.kind,
    step,
    slots: layers.map((layer, l) => ({
      weights: slotW[l].map((w) => matrixToRows(w, layer.fanIn, layer.fanOut)),
      bias: slotB[l].map((b) => Array.from(b)),
    })),
  });

  return {
    kind: spec.kind,
    get step() {
      return step;
    },
    update(net, dWeights, dBias, learningRate, l2) {
      step++;
      for (let l = 0; l < net.layers.length; l++) {
        const layer = net.layers[l];
        updateParams(
          spec,
          step,
          learningRate,
          layer.weights,
          dWeights[l],
          l2,
          slotW[l],
        );
        updateParams(
          spec,
          step,
          learningRate,
          layer.bias,
          dBias[l],
          0,
          slotB[l],
        );
      }
    },
    exportState,
  };
}

/** Applies one update rule to a parameter buffer θ with gradient g + λθ. */
function updateParams(
  spec: OptimizerSpec,
  step: number,
  learningRate: number,
  theta: Float64Array,
  grad: Float64Array,
  l2: number,
  slots: Float64Array[],
): void {
  const length = theta.length;
  const eta = learningRate;

  switch (spec.kind) {
    case 'sgd':
      for (let t = 0; t < length; t++) {
        theta[t] -= eta * (grad[t] + l2 * theta[t]);
      }
      return;

    case 'momentum': {
      const mu = spec.momentum;
      const velocity = slots[0];
      if (spec.nesterov) {
        for (let t = 0; t < length; t++) {
          const g = grad[t] + l2 * theta[t];
          const vel = mu * velocity[t] - eta * g;
          velocity[t] = vel;
          theta[t] += mu * vel - eta * g;
        }
      } else {
        for (let t = 0; t < length; t++) {
          const vel = mu * velocity[t] - eta * (grad[t] + l2 * theta[t]);
          velocity[t] = vel;
          theta[t] += vel;
        }
      }
      return;
    }

    case 'adam': {
      const { beta1, beta2, epsilon } = spec;
      const m = slots[0];
      const v = slots[1];
      const correction1 = 1 - Math.pow(beta1, step);
      const correction2 = 1 - Math.pow(beta2, step);
      for (let t = 0; t < length; t++) {
        const g = grad[t] + l2 * theta[t];
        const mt = beta1 * m[t] + (1 - beta1) * g;
        const vt = beta2 * v[t] + (1 - beta2) * g * g;
        m[t] = mt;
        v[t] = vt;
        const mHat = mt / correction1;
        const vHat = vt / correction2;
        theta[t] -= (eta * mHat) / (Math.sqrt(vHat) + epsilon);
      }
      return;
    }
  }
}
