import {
  gradientStep,
  networkFromParams,
  type StepTrace,
} from '../../../src-shared/engine/index.ts';
import type { Activation, LossName } from '../../../src-shared/experiment.ts';
import type { NetworkParams } from '../../../src-shared/model-schema.ts';
import type { StepCaseSpec } from '../../../src-shared/presets.ts';

// The step inspector's state: a small network, one sample and a learning
// rate, every number editable, and the gradient step they give.

/** One layer as the inspector edits it; an emptied cell is null. */
export interface StepLayer {
  activation: Activation;
  weights: (number | null)[][];
  bias: (number | null)[];
}

/** A computed step, or why none could be computed. */
export type StepOutcome =
  { ok: true; trace: StepTrace } | { ok: false; error: string };

/** The inspector's network, sample and learning rate. */
export class StepState {
  layers = $state<StepLayer[]>([]);
  loss = $state<LossName>('mse');
  x = $state<(number | null)[]>([]);
  y = $state<(number | null)[]>([]);
  learningRate = $state<number | null>(0.3);
  l2 = $state(0);
  /** Where the numbers came from, e.g. `Exercise 1`. */
  origin = $state('');
  /** Steps applied since the numbers were loaded. */
  steps = $state(0);
  featureNames = $state<string[]>([]);

  outcome = $derived.by((): StepOutcome => {
    try {
      return { ok: true, trace: this.compute() };
    } catch (error) {
      return {
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });

  /** Loads a step case: a network, one batch and a learning rate. */
  loadCase(c: StepCaseSpec, origin: string): void {
    const nLayers = c.layers.length;
    this.layers = c.layers.map((layer, l) => ({
      activation: l < nLayers - 1 ? c.hiddenActivations[l] : c.outputActivation,
      weights: layer.weights.map((row) => [...row]),
      bias: [...layer.bias],
    }));
    this.loss = c.loss;
    this.x = [...c.X[0]];
    this.y = [...c.Y[0]];
    this.learningRate = c.learningRate;
    this.l2 = 0;
    this.featureNames = [];
    this.origin = origin;
    this.steps = 0;
  }

  /** Loads a trained network with one sample (already scaled) and target. */
  loadNetwork(
    network: NetworkParams,
    x: number[],
    target: number[],
    learningRate: number,
    origin: string,
    featureNames: string[],
  ): void {
    this.layers = network.layers.map((layer) => ({
      activation: layer.activation,
      weights: layer.weights.map((row) => [...row]),
      bias: [...layer.bias],
    }));
    this.loss = network.loss;
    this.x = [...x];
    this.y = [...target];
    this.learningRate = learningRate;
    this.l2 = 0;
    this.featureNames = featureNames;
    this.origin = origin;
    this.steps = 0;
  }

  /** Makes the updated parameters the current ones. */
  apply(): void {
    const outcome = this.outcome;
    if (!outcome.ok) return;
    this.layers = this.layers.map((layer, l) => ({
      activation: layer.activation,
      weights: outcome.trace.updated[l].weights.map((row) => [...row]),
      bias: [...outcome.trace.updated[l].bias],
    }));
    this.steps++;
  }

  private compute(): StepTrace {
    const layers = this.layers.map((layer, l) => ({
      activation: layer.activation,
      weights: layer.weights.map((row, k) =>
        row.map((w, j) => required(w, `W${l + 1}[${k}][${j}]`)),
      ),
      bias: layer.bias.map((b, j) => required(b, `b${l + 1}[${j}]`)),
    }));
    const x = this.x.map((value, k) => required(value, `x[${k}]`));
    const y = this.y.map((value, j) => required(value, `y[${j}]`));
    const rate = required(this.learningRate, 'learning rate');
    if (rate <= 0) throw new Error('learning rate: must be greater than 0');

    const network = networkFromParams({ layers, loss: this.loss });
    return gradientStep(network, [x], [y], rate, this.l2);
  }
}

/** The value, or an error naming the empty or invalid cell. */
function required(value: number | null, name: string): number {
  if (value === null || !Number.isFinite(value)) {
    throw new Error(`${name}: must be a number`);
  }
  return value;
}
