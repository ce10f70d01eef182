import type { Experiment } from '../../src-shared/experiment.ts';

// Small experiments for the process and command-line tests.

/** An inline two-class data set of `n` points on a line, separable at 0. */
export function inlineLine(n: number): Experiment['dataset'] {
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = -1 + (2 * i) / (n - 1);
    X.push([x, 0.5 * x + 0.1 * Math.sin(7 * i)]);
    y.push(x > 0 ? 1 : 0);
  }
  return { kind: 'inline', X, y };
}

/** A tiny experiment whose epochs take microseconds. */
export function quickExperiment(epochs: number, seed = 0): Experiment {
  return {
    name: 'quick',
    dataset: inlineLine(40),
    split: { testFraction: 0.25, stratify: false },
    preprocessing: { standardize: true },
    network: {
      hidden: [{ units: 4, activation: 'tanh' }],
      outputActivation: 'sigmoid',
      loss: 'bce',
      init: 'glorotUniform',
    },
    training: {
      optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
      learningRate: 0.05,
      batchSize: 8,
      epochs,
      shuffle: true,
      seed,
      l2: 0,
      earlyStopping: null,
    },
  };
}

/** An experiment whose epochs are long (many small batches) and many. */
export function slowExperiment(): Experiment {
  return {
    name: 'slow',
    dataset: {
      kind: 'makeClassification',
      nSamples: 50000,
      nFeatures: 20,
      nInformative: 10,
      nClasses: 3,
      randomState: 1,
    },
    split: { testFraction: 0.2, stratify: false },
    preprocessing: { standardize: true },
    network: {
      hidden: [{ units: 256, activation: 'relu' }],
      outputActivation: 'softmax',
      loss: 'cce',
      init: 'heNormal',
    },
    training: {
      optimizer: { kind: 'sgd' },
      learningRate: 0.01,
      batchSize: 4,
      epochs: 1000,
      shuffle: true,
      seed: 0,
      l2: 0,
      earlyStopping: null,
    },
  };
}
