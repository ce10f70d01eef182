import * as v from 'valibot';
import { Activations, ExperimentSchema, Losses } from './experiment.ts';
import { finiteNumber, intAtLeast } from './validation.ts';

// The shapes of a model file (version 1). Semantic checks that span fields
// (weights chaining from layer to layer, sizes) live in model-file.ts.

/** One dense layer: weights are [fanIn][fanOut], z = x·W + b. */
export const LayerParamsSchema = v.strictObject({
  activation: v.picklist(Activations),
  weights: v.pipe(
    v.array(v.pipe(v.array(finiteNumber()), v.minLength(1))),
    v.minLength(1),
  ),
  bias: v.pipe(v.array(finiteNumber()), v.minLength(1)),
});
export type LayerParams = v.InferOutput<typeof LayerParamsSchema>;

/** A network's parameters as plain arrays: what a model file keeps. */
export const NetworkParamsSchema = v.strictObject({
  layers: v.pipe(v.array(LayerParamsSchema), v.minLength(1)),
  loss: v.picklist(Losses),
});
export type NetworkParams = v.InferOutput<typeof NetworkParamsSchema>;

/** Per-epoch figures; test arrays are empty when nothing is held out. */
export const HistorySchema = v.strictObject({
  trainLoss: v.array(v.number()),
  trainAccuracy: v.array(v.number()),
  testLoss: v.array(v.number()),
  testAccuracy: v.array(v.number()),
  /** Seconds since the run began, at the end of each epoch. */
  seconds: v.array(v.number()),
});
export type History = v.InferOutput<typeof HistorySchema>;

/** Optimizer memory, so that training continues exactly where it stopped. */
export const OptimizerStateSchema = v.strictObject({
  kind: v.picklist(['sgd', 'momentum', 'adam']),
  /** Updates applied so far (Adam's t). */
  step: intAtLeast(0),
  /** Per layer: momentum velocity, or Adam's first and second moments. */
  slots: v.array(
    v.strictObject({
      weights: v.array(v.array(v.array(finiteNumber()))),
      bias: v.array(v.array(finiteNumber())),
    }),
  ),
});
export type OptimizerState = v.InferOutput<typeof OptimizerStateSchema>;

export const StandardizationSchema = v.strictObject({
  mean: v.array(finiteNumber()),
  std: v.array(v.pipe(finiteNumber(), v.minValue(0))),
});
export type Standardization = v.InferOutput<typeof StandardizationSchema>;

export const ModelFileSchema = v.strictObject({
  format: v.literal('mlp-lab/model'),
  version: v.literal(1),
  createdAt: v.string(),
  network: NetworkParamsSchema,
  /** Applied to raw features before the network: (x − mean) / std. */
  standardization: v.nullable(StandardizationSchema),
  classNames: v.array(v.string()),
  featureNames: v.array(v.string()),
  experiment: ExperimentSchema,
  /** Epochs trained so far; continuing starts at this epoch. */
  epochsDone: intAtLeast(0),
  history: HistorySchema,
  optimizerState: v.nullable(OptimizerStateSchema),
});
export type ModelFile = v.InferOutput<typeof ModelFileSchema>;
