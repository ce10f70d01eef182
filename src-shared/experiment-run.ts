import seedrandom from 'seedrandom';
import {
  applyStandardization,
  encodeTargets,
  prepareData,
  type Dataset,
  type PreparedData,
} from './data/index.ts';
import {
  classScores,
  confusionMatrix,
  createNetwork,
  networkFromParams,
  predict,
  predictLabels,
  TrainingRun,
  type ClassScores,
  type EpochResult,
  type Network,
  type TrainingData,
} from './engine/index.ts';
import { outputUnits, type Experiment } from './experiment.ts';
import type {
  History,
  ModelFile,
  NetworkParams,
  OptimizerState,
  Standardization,
} from './model-schema.ts';
import type {
  DatasetSummary,
  EpochRecord,
  InitialState,
} from './trainer-protocol.ts';

// The path from an experiment to a model file, shared by the trainer, the
// command line and the user interface: prepare the data, build or load the
// network, turn epochs into records and records into a model file.

/** An experiment's data set, split, standardized and encoded for training. */
export interface ExperimentData {
  dataset: Dataset;
  prepared: PreparedData;
  /** Output units of the network this data calls for. */
  nOutputs: number;
  training: TrainingData;
}

/**
 * Splits and encodes `dataset` as `experiment` says; with `standardization`
 * given, features are scaled with it instead of the training part's own.
 */
export function prepareExperiment(
  experiment: Experiment,
  dataset: Dataset,
  standardization: Standardization | null = null,
): ExperimentData {
  const ownScaling = standardization === null;
  const prepared = prepareData(dataset, {
    testFraction: experiment.split.testFraction,
    stratify: experiment.split.stratify,
    standardize: ownScaling && experiment.preprocessing.standardize,
    seed: experiment.training.seed,
  });

  if (!ownScaling) {
    checkFeatureCount(standardization.mean.length, prepared.nFeatures);
    prepared.xTrain = applyStandardization(
      prepared.xTrain,
      prepared.nFeatures,
      standardization,
    );
    prepared.xTest = applyStandardization(
      prepared.xTest,
      prepared.nFeatures,
      standardization,
    );
    prepared.standardization = standardization;
  }

  const nOutputs = outputUnits(prepared.nClasses, experiment.network);
  const training: TrainingData = {
    nFeatures: prepared.nFeatures,
    nOutputs,
    xTrain: prepared.xTrain,
    targetsTrain: encodeTargets(prepared.labelsTrain, nOutputs),
    labelsTrain: prepared.labelsTrain,
    nTrain: prepared.nTrain,
    xTest: prepared.xTest,
    targetsTest: encodeTargets(prepared.labelsTest, nOutputs),
    labelsTest: prepared.labelsTest,
    nTest: prepared.nTest,
  };
  return { dataset, prepared, nOutputs, training };
}

function checkFeatureCount(expected: number, actual: number): void {
  if (expected !== actual) {
    throw new Error(
      `standardization: the model expects ${expected} features but the data set has ${actual}`,
    );
  }
}

/** The data set's sizes and names, as the trainer announces them. */
export function datasetSummary(data: ExperimentData): DatasetSummary {
  const { prepared } = data;
  return {
    nSamples: data.dataset.nSamples,
    nFeatures: prepared.nFeatures,
    nClasses: prepared.nClasses,
    nTrain: prepared.nTrain,
    nTest: prepared.nTest,
    classNames: prepared.classNames,
    featureNames: prepared.featureNames,
  };
}

/**
 * The network a run starts from: `initial` when given (after checking that
 * it fits the data), otherwise a fresh one seeded by `<seed>/init`.
 */
export function startingNetwork(
  experiment: Experiment,
  data: ExperimentData,
  initial: InitialState | null = null,
): Network {
  if (initial === null) {
    const random = seedrandom(`${experiment.training.seed}/init`);
    return createNetwork(
      data.prepared.nFeatures,
      experiment.network,
      data.nOutputs,
      random,
    );
  }

  const problem = networkFitProblem(initial.network, data);
  if (problem) throw new Error(`initial.network: ${problem}`);
  return networkFromParams(initial.network);
}

/** Why `params` cannot run on `data`, or null when it can. */
export function networkFitProblem(
  params: NetworkParams,
  data: ExperimentData,
): string | null {
  const first = params.layers[0];
  const last = params.layers[params.layers.length - 1];
  const nInputs = first.weights.length;
  const nOutputs = last.bias.length;
  if (nInputs !== data.prepared.nFeatures) {
    return `takes ${nInputs} inputs but the data set has ${data.prepared.nFeatures} features`;
  }
  if (nOutputs !== data.nOutputs) {
    return `has ${nOutputs} outputs but the data set needs ${data.nOutputs}`;
  }
  return null;
}

/** A TrainingRun for `network` on `data`, continuing `initial` if given. */
export function createTrainingRun(
  experiment: Experiment,
  data: ExperimentData,
  network: Network,
  initial: InitialState | null = null,
): TrainingRun {
  return new TrainingRun(network, data.training, experiment.training, {
    optimizerState: initial?.optimizerState ?? null,
    epochsDone: initial?.epochsDone ?? 0,
  });
}

/** An engine epoch result as a protocol record stamped with `seconds`. */
export function toEpochRecord(
  result: EpochResult,
  seconds: number,
): EpochRecord {
  return {
    epoch: result.epoch,
    trainLoss: result.trainLoss,
    trainAccuracy: result.trainAccuracy,
    testLoss: result.testLoss,
    testAccuracy: result.testAccuracy,
    seconds,
  };
}

/** A history with no epochs. */
export function emptyHistory(): History {
  return {
    trainLoss: [],
    trainAccuracy: [],
    testLoss: [],
    testAccuracy: [],
    seconds: [],
  };
}

/** A copy of `history` (or an empty one) that can be appended to. */
export function copyHistory(history: History | null | undefined): History {
  const source = history ?? emptyHistory();
  return {
    trainLoss: [...source.trainLoss],
    trainAccuracy: [...source.trainAccuracy],
    testLoss: [...source.testLoss],
    testAccuracy: [...source.testAccuracy],
    seconds: [...source.seconds],
  };
}

/** Appends one epoch's figures to `history` in place. */
export function appendRecord(history: History, record: EpochRecord): void {
  history.trainLoss.push(record.trainLoss);
  history.trainAccuracy.push(record.trainAccuracy);
  if (record.testLoss !== null) history.testLoss.push(record.testLoss);
  if (record.testAccuracy !== null) {
    history.testAccuracy.push(record.testAccuracy);
  }
  history.seconds.push(record.seconds);
}

/** What a model file is assembled from. */
export interface ModelParts {
  experiment: Experiment;
  network: NetworkParams;
  prepared: PreparedData;
  epochsDone: number;
  history: History;
  optimizerState: OptimizerState | null;
  /** ISO time stamp; now when absent. */
  createdAt?: string;
}

/** Assembles a model file; every producer of model files goes through it. */
export function buildModelFile(parts: ModelParts): ModelFile {
  const { prepared } = parts;
  return {
    format: 'mlp-lab/model',
    version: 1,
    createdAt: parts.createdAt ?? new Date().toISOString(),
    network: parts.network,
    standardization: prepared.standardization
      ? {
          mean: [...prepared.standardization.mean],
          std: [...prepared.standardization.std],
        }
      : null,
    classNames: [...prepared.classNames],
    featureNames: [...prepared.featureNames],
    experiment: parts.experiment,
    epochsDone: parts.epochsDone,
    history: parts.history,
    optimizerState: parts.optimizerState,
  };
}

/** A network's figures on one part of the data. */
export interface PartEvaluation {
  samples: number;
  loss: number;
  accuracy: number;
  /** confusion[actual][predicted] sample counts. */
  confusion: number[][];
  /** Per class precision and recall. */
  classes: ClassScores[];
}

/** A model's figures on the training and test parts of `data`. */
export interface ModelEvaluation {
  classNames: string[];
  train: PartEvaluation;
  /** Null when nothing is held out. */
  test: PartEvaluation | null;
}

/**
 * Evaluates `model` on `data` with the engine's own loss and accuracy, so
 * the figures equal those a run reports for the same weights and data.
 */
export function evaluateModel(
  model: ModelFile,
  data: ExperimentData,
): ModelEvaluation {
  const problem = networkFitProblem(model.network, data);
  if (problem) throw new Error(`network: ${problem}`);

  const network = networkFromParams(model.network);
  // The model's own training settings, so that L2 counts in the loss as it
  // did while training.
  const run = new TrainingRun(
    network,
    data.training,
    model.experiment.training,
  );
  const nClasses = data.prepared.nClasses;
  const { training } = data;

  const part = (which: 'train' | 'test'): PartEvaluation => {
    const x = which === 'train' ? training.xTrain : training.xTest;
    const labels =
      which === 'train' ? training.labelsTrain : training.labelsTest;
    const n = which === 'train' ? training.nTrain : training.nTest;
    const figures = run.evaluate(which);
    const output = predict(network, x, n);
    const predicted = predictLabels(output, n, data.nOutputs);
    const confusion = confusionMatrix(labels, predicted, nClasses);
    return {
      samples: n,
      loss: figures.loss,
      accuracy: figures.accuracy,
      confusion,
      classes: classScores(confusion),
    };
  };

  return {
    classNames: [...data.prepared.classNames],
    train: part('train'),
    test: training.nTest > 0 ? part('test') : null,
  };
}
