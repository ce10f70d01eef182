import * as v from 'valibot';
import { ExperimentSchema } from './experiment.ts';
import {
  HistorySchema,
  ModelFileSchema,
  NetworkParamsSchema,
  OptimizerStateSchema,
} from './model-schema.ts';
import { finiteNumber, intAtLeast } from './validation.ts';

// Messages between a host (Electron main, the lab service, the CLI) and a
// trainer process. Each trainer runs exactly one experiment.

/** Where a run starts from when it is not a fresh initialization. */
export const InitialStateSchema = v.strictObject({
  network: NetworkParamsSchema,
  /** Present when continuing a run: its optimizer memory. */
  optimizerState: v.optional(v.nullable(OptimizerStateSchema)),
  /** Epochs already trained; the new run's epochs come on top. */
  epochsDone: v.optional(intAtLeast(0)),
  /** Earlier history, kept at the front of the new run's history. */
  history: v.optional(HistorySchema),
});
export type InitialState = v.InferOutput<typeof InitialStateSchema>;

export const TrainerInSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('start'),
    experiment: ExperimentSchema,
    initial: v.optional(v.nullable(InitialStateSchema)),
    /** Seconds between weight snapshots for the live pictures; 0: never. */
    snapshotInterval: v.optional(v.pipe(finiteNumber(), v.minValue(0))),
  }),
  v.strictObject({ type: v.literal('pause') }),
  v.strictObject({ type: v.literal('resume') }),
  v.strictObject({ type: v.literal('stop') }),
]);
export type TrainerIn = v.InferOutput<typeof TrainerInSchema>;

/** One epoch's figures; test figures are null with nothing held out. */
export const EpochRecordSchema = v.strictObject({
  epoch: intAtLeast(1),
  trainLoss: v.number(),
  trainAccuracy: v.number(),
  testLoss: v.nullable(v.number()),
  testAccuracy: v.nullable(v.number()),
  seconds: v.number(),
});
export type EpochRecord = v.InferOutput<typeof EpochRecordSchema>;

export const DatasetSummarySchema = v.strictObject({
  nSamples: intAtLeast(0),
  nFeatures: intAtLeast(0),
  nClasses: intAtLeast(0),
  nTrain: intAtLeast(0),
  nTest: intAtLeast(0),
  classNames: v.array(v.string()),
  featureNames: v.array(v.string()),
});
export type DatasetSummary = v.InferOutput<typeof DatasetSummarySchema>;

export const EndReasons = [
  'completed',
  'stopped',
  'diverged',
  'earlyStopped',
] as const;
export type EndReason = (typeof EndReasons)[number];

export const TrainerOutSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('started'),
    dataset: DatasetSummarySchema,
    /** Epoch numbers of this run go from firstEpoch to lastEpoch. */
    firstEpoch: intAtLeast(1),
    lastEpoch: intAtLeast(0),
  }),
  v.strictObject({
    type: v.literal('progress'),
    /** Every epoch finished since the previous progress message. */
    epochs: v.array(EpochRecordSchema),
    elapsedSeconds: v.number(),
    samplesPerSecond: v.number(),
    /** Current weights, now and then, for the live pictures. */
    snapshot: v.optional(NetworkParamsSchema),
  }),
  v.strictObject({
    type: v.literal('state'),
    state: v.picklist(['running', 'paused']),
  }),
  v.strictObject({
    type: v.literal('done'),
    reason: v.picklist(EndReasons),
    /** A sentence for the user, e.g. why a run diverged. */
    message: v.string(),
    model: ModelFileSchema,
  }),
  v.strictObject({ type: v.literal('error'), message: v.string() }),
]);
export type TrainerOut = v.InferOutput<typeof TrainerOutSchema>;
