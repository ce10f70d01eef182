import { describe, expect, it } from 'vitest';
import { buildDataset } from './data/index.ts';
import type { Experiment } from './experiment.ts';
import { evaluateModel, prepareExperiment } from './experiment-run.ts';
import { ExperimentRunner, runToEnd } from './experiment-runner.ts';
import { parseModelFile, serializeModelFile } from './model-file.ts';

// The run logic every host shares, exercised in-process.

/** A small three-class experiment on a generated data set. */
function smallExperiment(epochs: number): Experiment {
  return {
    dataset: {
      kind: 'makeClassification',
      nSamples: 120,
      nFeatures: 3,
      nInformative: 3,
      nRedundant: 0,
      nClasses: 3,
      nClustersPerClass: 1,
      randomState: 4,
    },
    split: { testFraction: 0.25, stratify: true },
    preprocessing: { standardize: true },
    network: {
      hidden: [{ units: 8, activation: 'tanh' }],
      outputActivation: 'softmax',
      loss: 'cce',
      init: 'glorotUniform',
    },
    training: {
      optimizer: { kind: 'momentum', momentum: 0.9, nesterov: false },
      learningRate: 0.05,
      batchSize: 16,
      epochs,
      shuffle: true,
      seed: 2,
      l2: 0.001,
      earlyStopping: null,
    },
  };
}

function run(experiment: Experiment): ExperimentRunner {
  const runner = new ExperimentRunner(
    experiment,
    buildDataset(experiment.dataset),
  );
  runToEnd(runner);
  return runner;
}

describe('ExperimentRunner', () => {
  it('produces a model file that parses and records every epoch', () => {
    const runner = run(smallExperiment(6));
    expect(runner.outcome?.reason).toBe('completed');
    const model = runner.model();
    expect(model.epochsDone).toBe(6);
    expect(model.history.testAccuracy).toHaveLength(6);
    expect(model.standardization?.mean).toHaveLength(3);
    const parsed = parseModelFile(serializeModelFile(model));
    expect(parsed.ok && parsed.value).toEqual(model);
  });

  it('is bit-identical for the same experiment', () => {
    const a = run(smallExperiment(4)).model();
    const b = run(smallExperiment(4)).model();
    expect(b.network).toEqual(a.network);
    expect(b.history.trainLoss).toEqual(a.history.trainLoss);
  });

  it('continues from a saved model exactly like one longer run', () => {
    const whole = run(smallExperiment(9)).model();
    const part = run(smallExperiment(5)).model();
    const rest = smallExperiment(4);
    const continued = new ExperimentRunner(rest, buildDataset(rest.dataset), {
      network: part.network,
      optimizerState: part.optimizerState,
      epochsDone: part.epochsDone,
      history: part.history,
    });
    expect(continued.firstEpoch).toBe(6);
    runToEnd(continued);
    const model = continued.model();
    expect(model.epochsDone).toBe(9);
    expect(model.network).toEqual(whole.network);
    expect(model.history.testLoss).toEqual(whole.history.testLoss);
  });

  it('stops early once the test loss stops improving', () => {
    const experiment = smallExperiment(5000);
    experiment.training.learningRate = 0.5;
    experiment.training.earlyStopping = { patience: 3, minDelta: 0.01 };
    const runner = run(experiment);
    expect(runner.outcome?.reason).toBe('earlyStopped');
    expect(runner.model().epochsDone).toBeLessThan(5000);
  });

  it('ends a diverging run with the last finite epoch and a hint', () => {
    const experiment = smallExperiment(200);
    experiment.network.hidden = [{ units: 8, activation: 'relu' }];
    experiment.network.outputActivation = 'identity';
    experiment.network.loss = 'mse';
    experiment.training.optimizer = { kind: 'sgd' };
    experiment.training.learningRate = 1e6;
    const runner = run(experiment);
    expect(runner.outcome?.reason).toBe('diverged');
    expect(runner.outcome?.message).toMatch(/learning rate/);
    const parsed = parseModelFile(serializeModelFile(runner.model()));
    expect(parsed.ok).toBe(true);
  });

  it('keeps the last finished epoch when stopped mid-epoch', () => {
    const experiment = smallExperiment(10);
    const runner = new ExperimentRunner(
      experiment,
      buildDataset(experiment.dataset),
    );
    for (let i = 0; i < 9; i++) runner.step(0);
    // 90 training samples in batches of 16: six batches make an epoch.
    expect(runner.history.trainLoss).toHaveLength(1);
    runner.stop();
    expect(runner.outcome?.reason).toBe('stopped');
    expect(runner.model().epochsDone).toBe(1);
  });
});

describe('evaluateModel', () => {
  it('reproduces the last epoch of the run', () => {
    const experiment = smallExperiment(7);
    const model = run(experiment).model();
    const data = prepareExperiment(
      experiment,
      buildDataset(experiment.dataset),
    );
    const evaluation = evaluateModel(model, data);
    expect(evaluation.train.loss).toBe(model.history.trainLoss.at(-1));
    expect(evaluation.test?.accuracy).toBe(model.history.testAccuracy.at(-1));
    expect(evaluation.test?.confusion.flat().reduce((a, b) => a + b)).toBe(30);
  });
});
