import * as v from 'valibot';
import { RecipeSchema } from './recipe.ts';
import { finiteNumber, intAtLeast, numberIn } from './validation.ts';

/** Activations allowed on hidden layers. */
export const HiddenActivations = [
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
] as const;
export type HiddenActivation = (typeof HiddenActivations)[number];

/** Activations allowed on the output layer. */
export const OutputActivations = [
  'identity',
  'sigmoid',
  'tanh',
  'softmax',
] as const;
export type OutputActivation = (typeof OutputActivations)[number];

/** Every activation a layer may have. */
export type Activation = HiddenActivation | OutputActivation;
export const Activations = [
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  'softmax',
] as const;

export const Losses = ['mse', 'bce', 'cce'] as const;
export type LossName = (typeof Losses)[number];

export const Inits = ['glorotUniform', 'heNormal', 'zeros'] as const;
export type InitName = (typeof Inits)[number];

export const SplitSchema = v.strictObject({
  /** Share of samples held out for testing; 0 trains on everything. */
  testFraction: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(0.95)),
  /** Keep each class's share the same in both parts. */
  stratify: v.boolean(),
});
export type Split = v.InferOutput<typeof SplitSchema>;

export const PreprocessingSchema = v.strictObject({
  /** Standardize features with the training part's mean and std. */
  standardize: v.boolean(),
});
export type Preprocessing = v.InferOutput<typeof PreprocessingSchema>;

export const LayerSpecSchema = v.strictObject({
  units: intAtLeast(1),
  activation: v.picklist(HiddenActivations),
});
export type LayerSpec = v.InferOutput<typeof LayerSpecSchema>;

export const NetworkSpecSchema = v.strictObject({
  /** Hidden layers in order from the input. */
  hidden: v.array(LayerSpecSchema),
  outputActivation: v.picklist(OutputActivations),
  loss: v.picklist(Losses),
  init: v.picklist(Inits),
});
export type NetworkSpec = v.InferOutput<typeof NetworkSpecSchema>;

export const OptimizerSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('sgd') }),
  v.strictObject({
    kind: v.literal('momentum'),
    momentum: numberIn(0, 0.999999),
    nesterov: v.boolean(),
  }),
  v.strictObject({
    kind: v.literal('adam'),
    beta1: numberIn(0, 0.999999),
    beta2: numberIn(0, 0.999999999),
    epsilon: v.pipe(v.number(), v.finite(), v.minValue(0)),
  }),
]);
export type OptimizerSpec = v.InferOutput<typeof OptimizerSchema>;

export const TrainingSpecSchema = v.strictObject({
  optimizer: OptimizerSchema,
  learningRate: v.pipe(
    v.number(),
    v.finite(),
    v.check((x) => x > 0, 'must be greater than 0'),
  ),
  /** Samples per gradient step, or the whole training set. */
  batchSize: v.union([intAtLeast(1), v.literal('full')]),
  epochs: v.pipe(intAtLeast(1), v.maxValue(10_000_000)),
  /** Shuffle the training set at the start of every epoch. */
  shuffle: v.boolean(),
  /** Seeds initialization, split and batch order. */
  seed: v.pipe(v.number(), v.integer(), v.minValue(0)),
  l2: v.pipe(finiteNumber(), v.minValue(0)),
  /** Stop when test loss has not improved by minDelta for patience epochs. */
  earlyStopping: v.nullable(
    v.strictObject({
      patience: intAtLeast(1),
      minDelta: v.pipe(finiteNumber(), v.minValue(0)),
    }),
  ),
});
export type TrainingSpec = v.InferOutput<typeof TrainingSpecSchema>;

/** Everything needed to reproduce a run. */
export const ExperimentSchema = v.strictObject({
  name: v.optional(v.string()),
  dataset: RecipeSchema,
  split: SplitSchema,
  preprocessing: PreprocessingSchema,
  network: NetworkSpecSchema,
  training: TrainingSpecSchema,
});
export type Experiment = v.InferOutput<typeof ExperimentSchema>;

/** Output units for a task: one for binary unless softmax, else one each. */
export function outputUnits(nClasses: number, spec: NetworkSpec): number {
  if (nClasses <= 2 && spec.outputActivation !== 'softmax') return 1;
  return nClasses;
}
