import type { Experiment } from '../../src-shared/experiment.ts';
import type { Result, RunEvent } from '../../src-shared/lab-api.ts';
import type { ModelFile } from '../../src-shared/model-schema.ts';
import type { LabServiceLike } from './lab-methods.ts';

// Small, valid LabApi payloads and a recording fake service, shared by the
// host tests.

/** A tiny experiment: 60 moons samples, 2 → 4 tanh → 1 sigmoid, 5 epochs. */
export function smallExperiment(epochs = 5): Experiment {
  return {
    name: 'tiny moons',
    dataset: { kind: 'moons', nSamples: 60, noise: 0.1, seed: 3 },
    split: { testFraction: 0.25, stratify: true },
    preprocessing: { standardize: true },
    network: {
      hidden: [{ units: 4, activation: 'tanh' }],
      outputActivation: 'sigmoid',
      loss: 'bce',
      init: 'glorotUniform',
    },
    training: {
      optimizer: { kind: 'sgd' },
      learningRate: 0.5,
      batchSize: 'full',
      epochs,
      shuffle: false,
      seed: 1,
      l2: 0,
      earlyStopping: null,
    },
  };
}

/** A valid model file of a 2 → 2 → 1 network trained for one epoch. */
export function smallModel(): ModelFile {
  return {
    format: 'mlp-lab/model',
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    network: {
      layers: [
        {
          activation: 'tanh',
          weights: [
            [0.1, -0.2],
            [0.3, 0.4],
          ],
          bias: [0, 0],
        },
        { activation: 'sigmoid', weights: [[0.5], [-0.5]], bias: [0.1] },
      ],
      loss: 'bce',
    },
    standardization: { mean: [0, 0], std: [1, 1] },
    classNames: ['0', '1'],
    featureNames: ['x1', 'x2'],
    experiment: smallExperiment(1),
    epochsDone: 1,
    history: {
      trainLoss: [0.69],
      trainAccuracy: [0.5],
      testLoss: [0.7],
      testAccuracy: [0.5],
      seconds: [0.01],
    },
    optimizerState: null,
  };
}

/** One call a fake service received. */
export interface ServiceCall {
  method: string;
  args: unknown[];
}

/** A lab service that records its calls and answers each with success. */
export function fakeService() {
  const calls: ServiceCall[] = [];
  const listeners = new Set<(event: RunEvent) => void>();
  const record =
    <T>(method: string, value: T) =>
    async (...args: unknown[]): Promise<Result<T>> => {
      calls.push({ method, args });
      return { ok: true, value };
    };

  const service: LabServiceLike = {
    startRun: record('startRun', { runId: 'run-1' }),
    pauseRun: record('pauseRun', null),
    resumeRun: record('resumeRun', null),
    stopRun: record('stopRun', null),
    listRuns: record('listRuns', []),
    renameRun: record('renameRun', null),
    deleteRun: record('deleteRun', null),
    getRunModel: record('getRunModel', smallModel()),
    importCsv: record('importCsv', {
      recipe: { kind: 'csv', path: '/data/x.csv', labelColumn: 'y' },
      header: ['a', 'y'],
      rows: 1,
      classNames: ['0'],
      featureNames: ['a'],
      preview: { X: [[1]], y: [0] },
    }),
    writeModel: record('writeModel', null),
    readModel: record('readModel', { model: smallModel(), name: 'm.json' }),
    writeText: record('writeText', null),
    writePng: record('writePng', null),
    onRunEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => undefined,
  };
  const emit = (event: RunEvent) => {
    for (const listener of listeners) listener(event);
  };
  return { service, calls, emit, listeners };
}
