import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createNetwork, networkToParams } from './engine/network.ts';
import { TrainingRun, type TrainingData } from './engine/training.ts';
import type { Experiment } from './experiment.ts';
import {
  MAX_MODEL_BYTES,
  parseModelFile,
  serializeModelFile,
} from './model-file.ts';
import type { ModelFile } from './model-schema.ts';

const ExperimentFixture: Experiment = {
  name: 'moons',
  dataset: { kind: 'moons', nSamples: 40, noise: 0.1, seed: 3 },
  split: { testFraction: 0.25, stratify: true },
  preprocessing: { standardize: true },
  network: {
    hidden: [
      { units: 5, activation: 'tanh' },
      { units: 4, activation: 'relu' },
    ],
    outputActivation: 'sigmoid',
    loss: 'bce',
    init: 'glorotUniform',
  },
  training: {
    optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    learningRate: 0.01,
    batchSize: 8,
    epochs: 3,
    shuffle: true,
    seed: 3,
    l2: 0,
    earlyStopping: null,
  },
};

/** A model trained for three epochs, so every number has all its bits. */
function trainedModel(): ModelFile {
  const random = seedrandom('model-file/data');
  const n = 30;
  const x = Float64Array.from({ length: n * 2 }, () => random() * 2 - 1);
  const labels = Int32Array.from({ length: n }, (_, i) =>
    x[i * 2] + x[i * 2 + 1] > 0 ? 1 : 0,
  );
  const data: TrainingData = {
    nFeatures: 2,
    nOutputs: 1,
    xTrain: x,
    targetsTrain: Float64Array.from(labels),
    labelsTrain: labels,
    nTrain: n,
    xTest: new Float64Array(0),
    targetsTest: new Float64Array(0),
    labelsTest: new Int32Array(0),
    nTest: 0,
  };
  const net = createNetwork(
    2,
    ExperimentFixture.network,
    1,
    seedrandom('3/init'),
  );
  const run = new TrainingRun(net, data, ExperimentFixture.training);
  const history = [run.trainEpoch(), run.trainEpoch(), run.trainEpoch()];

  return {
    format: 'mlp-lab/model',
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    network: networkToParams(run.network),
    standardization: { mean: [0.1234567890123, -1 / 3], std: [Math.PI, 1e-9] },
    classNames: ['lower', 'upper'],
    featureNames: ['x1', 'x2'],
    experiment: ExperimentFixture,
    epochsDone: 3,
    history: {
      trainLoss: history.map((h) => h.trainLoss),
      trainAccuracy: history.map((h) => h.trainAccuracy),
      testLoss: [],
      testAccuracy: [],
      seconds: [0.01, 0.02, 0.03],
    },
    optimizerState: run.optimizerState(),
  };
}

/** The file text after `edit` changes the plain JSON of a valid model. */
function edited(edit: (json: any) => void): string {
  const json = JSON.parse(serializeModelFile(trainedModel()));
  edit(json);
  return JSON.stringify(json);
}

function expectRefused(text: string, message: string) {
  const parsed = parseModelFile(text);
  expect(parsed.ok).toBe(false);
  if (!parsed.ok) expect(parsed.error).toContain(message);
}

describe('serializeModelFile', () => {
  it('round-trips every number bit for bit', () => {
    const model = trainedModel();
    const text = serializeModelFile(model);
    const parsed = parseModelFile(text);

    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value).toEqual(model);
    const bits = (m: ModelFile) =>
      Array.from(
        new Uint32Array(
          Float64Array.from(
            m.network.layers.flatMap((l) => [...l.weights.flat(), ...l.bias]),
          ).buffer,
        ),
      );
    expect(bits(parsed.value)).toEqual(bits(model));
    expect(serializeModelFile(parsed.value)).toBe(text);
  });

  it('keeps each row of numbers on one line', () => {
    const text = serializeModelFile(trainedModel());
    expect(text).toMatch(/"bias": \[-?\d[^\n]*\]/);
  });

  it('leaves strings that look like arrays alone', () => {
    const model = trainedModel();
    model.classNames = ['[1,2]', '[\n3]'];
    const parsed = parseModelFile(serializeModelFile(model));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.classNames).toEqual(['[1,2]', '[\n3]']);
  });

  it('refuses to write NaN, naming the field', () => {
    const model = trainedModel();
    model.history.trainLoss[1] = NaN;
    expect(() => serializeModelFile(model)).toThrow(
      'serializeModelFile: history.trainLoss.1 is not a finite number',
    );
  });
});

describe('parseModelFile', () => {
  it('refuses files over the size limit before parsing', () => {
    expectRefused(
      ' '.repeat(MAX_MODEL_BYTES + 1),
      'more than the limit of 64 MiB',
    );
  });

  it('refuses invalid JSON', () => {
    expectRefused('{"format": "mlp-lab/model",', 'not valid JSON');
  });

  it('refuses a JSON value that is not an object', () => {
    expectRefused('[1, 2]', 'model file: expected a JSON object');
  });

  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses the key ${key} anywhere`, () => {
      const text = serializeModelFile(trainedModel()).replace(
        '"featureNames"',
        `"experiment2": {"a": {"${key}": {"polluted": true}}}, "featureNames"`,
      );
      expectRefused(text, `key "${key}" is not allowed in a model file`);
    });
  }

  it('refuses a wrong format', () => {
    expectRefused(
      edited((j) => (j.format = 'other/model')),
      'format: expected "mlp-lab/model", got "other/model"',
    );
  });

  it('refuses a newer version', () => {
    expectRefused(
      edited((j) => (j.version = 7)),
      'version: version 7 is newer than this lab supports (1)',
    );
  });

  it('refuses a version that is not a positive integer', () => {
    expectRefused(
      edited((j) => (j.version = '1')),
      'version: expected a positive integer, got "1"',
    );
  });

  it('refuses a missing field', () => {
    expectRefused(
      edited((j) => delete j.history),
      'history: is missing',
    );
  });

  it('refuses non-finite weights', () => {
    const text = serializeModelFile(trainedModel()).replace(
      /"weights": \[\s*\[(-?[\d.e-]+)/,
      '"weights": [[1e999',
    );
    expectRefused(
      text,
      'network.layers.0.weights.0.0: must be a finite number, got Infinity',
    );
  });

  it('refuses an unknown activation', () => {
    expectRefused(
      edited((j) => (j.network.layers[0].activation = 'swish')),
      'network.layers.0.activation:',
    );
  });

  it('refuses an unknown loss', () => {
    expectRefused(
      edited((j) => (j.network.loss = 'hinge')),
      'network.loss:',
    );
  });

  it('refuses a loss that does not fit the output', () => {
    expectRefused(
      edited((j) => (j.network.layers[2].activation = 'tanh')),
      'network.loss: loss bce needs a sigmoid output, got tanh',
    );
  });

  it('refuses weights that do not chain', () => {
    expectRefused(
      edited((j) => j.network.layers[1].weights.pop()),
      'network.layers.1.weights: has 4 rows but layer 0 has 5 units',
    );
  });

  it('refuses ragged weight rows', () => {
    expectRefused(
      edited((j) => j.network.layers[0].weights[1].pop()),
      'network.layers.0.weights.1: has 4 values but row 0 has 5',
    );
  });

  it('refuses a bias whose length is not fanOut', () => {
    expectRefused(
      edited((j) => j.network.layers[0].bias.push(0)),
      'network.layers.0.bias: has 6 values but the weights have 5 columns',
    );
  });

  it('refuses layers that disagree with the experiment', () => {
    expectRefused(
      edited((j) => (j.experiment.network.hidden[1].units = 7)),
      'network.layers.1.bias: has 4 units but experiment.network.hidden.1.units is 7',
    );
  });

  it('refuses standardization of the wrong length', () => {
    expectRefused(
      edited((j) => j.standardization.std.push(1)),
      'standardization.std: has 3 values but the first layer takes 2 inputs',
    );
  });

  it('refuses classNames inconsistent with the outputs', () => {
    expectRefused(
      edited((j) => j.classNames.push('third')),
      'classNames: has 3 names, expected at most 2 (one output)',
    );
  });

  it('refuses history arrays of different lengths', () => {
    expectRefused(
      edited((j) => j.history.trainAccuracy.pop()),
      'history.trainAccuracy: has 2 entries but history.trainLoss has 3',
    );
  });

  it('refuses optimizer state of the wrong shape', () => {
    expectRefused(
      edited((j) => j.optimizerState.slots[1].weights[0].pop()),
      'optimizerState.slots.1.weights.0: has 4 rows but the layer has 5 inputs',
    );
  });

  it('refuses optimizer state of another optimizer', () => {
    expectRefused(
      edited((j) => (j.optimizerState.kind = 'momentum')),
      'optimizerState.kind: is momentum but the optimizer is adam',
    );
  });
});
