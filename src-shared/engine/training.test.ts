import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { NetworkSpec, TrainingSpec } from '../experiment.ts';
import {
  createNetwork,
  networkFromParams,
  networkToParams,
} from './network.ts';
import {
  EarlyStopping,
  TrainingRun,
  divergenceMessage,
  type EpochResult,
  type TrainingData,
} from './training.ts';

const NetSpec: NetworkSpec = {
  hidden: [
    { units: 6, activation: 'tanh' },
    { units: 5, activation: 'relu' },
  ],
  outputActivation: 'softmax',
  loss: 'cce',
  init: 'glorotUniform',
};

function trainingSpec(overrides: Partial<TrainingSpec> = {}): TrainingSpec {
  return {
    optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    learningRate: 0.01,
    batchSize: 8,
    epochs: 5,
    shuffle: true,
    seed: 7,
    l2: 0.001,
    earlyStopping: null,
    ...overrides,
  };
}

/** Three Gaussian blobs in 2-D, one-hot targets. */
function blobs(nTrain: number, nTest: number, seed: string): TrainingData {
  const random = seedrandom(seed);
  const part = (n: number) => {
    const x = new Float64Array(n * 2);
    const targets = new Float64Array(n * 3);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % 3;
      labels[i] = label;
      targets[i * 3 + label] = 1;
      x[i * 2] = Math.cos((2 * Math.PI * label) / 3) + 0.6 * (random() - 0.5);
      x[i * 2 + 1] =
        Math.sin((2 * Math.PI * label) / 3) + 0.6 * (random() - 0.5);
    }
    return { x, targets, labels };
  };
  const train = part(nTrain);
  const test = part(nTest);
  return {
    nFeatures: 2,
    nOutputs: 3,
    xTrain: train.x,
    targetsTrain: train.targets,
    labelsTrain: train.labels,
    nTrain,
    xTest: test.x,
    targetsTest: test.targets,
    labelsTest: test.labels,
    nTest,
  };
}

function freshRun(spec: TrainingSpec, data = blobs(45, 15, 'blobs')) {
  const net = createNetwork(2, NetSpec, 3, seedrandom(`${spec.seed}/init`));
  return new TrainingRun(net, data, spec);
}

function trainEpochs(run: TrainingRun, n: number): EpochResult[] {
  return Array.from({ length: n }, () => run.trainEpoch());
}

describe('TrainingRun', () => {
  it('learns separable blobs', () => {
    const run = freshRun(trainingSpec({ learningRate: 0.05 }));
    const history = trainEpochs(run, 40);

    expect(history[39].trainLoss).toBeLessThan(history[0].trainLoss);
    expect(history[39].testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(history.map((h) => h.epoch)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('is bit-identical when repeated with the same seed', () => {
    const a = freshRun(trainingSpec());
    const b = freshRun(trainingSpec());

    expect(trainEpochs(a, 5)).toEqual(trainEpochs(b, 5));
    expect(networkToParams(a.network)).toEqual(networkToParams(b.network));
  });

  for (const optimizer of [
    trainingSpec().optimizer,
    { kind: 'momentum', momentum: 0.9, nesterov: true } as const,
  ]) {
    const saved = `a saved ${optimizer.kind} run`;
    it(`continues ${saved} exactly as one longer run`, () => {
      const spec = trainingSpec({ optimizer });
      const straight = freshRun(spec);
      const straightHistory = trainEpochs(straight, 5);

      const first = freshRun(spec);
      const firstHistory = trainEpochs(first, 3);
      const saved = JSON.parse(
        JSON.stringify({
          network: networkToParams(first.network),
          state: first.optimizerState(),
        }),
      );
      const second = new TrainingRun(
        networkFromParams(saved.network),
        blobs(45, 15, 'blobs'),
        spec,
        { optimizerState: saved.state, epochsDone: first.epochsDone },
      );
      const secondHistory = trainEpochs(second, 2);

      expect([...firstHistory, ...secondHistory]).toEqual(straightHistory);
      expect(networkToParams(second.network)).toEqual(
        networkToParams(straight.network),
      );
    });
  }

  it('reports an epoch only from the batch that ends it', () => {
    const run = freshRun(trainingSpec({ batchSize: 20 }));

    expect(run.trainBatch()).toBeNull();
    expect(run.trainBatch()).toBeNull();
    const result = run.trainBatch();

    expect(result?.epoch).toBe(1);
    expect(run.epochsDone).toBe(1);
  });

  it('trains in order on the full batch and matches evaluate', () => {
    const run = freshRun(
      trainingSpec({ batchSize: 'full', shuffle: false, l2: 0 }),
    );
    const result = run.trainEpoch();

    expect(result.trainLoss).toBe(run.evaluate('train').loss);
    expect(result.testAccuracy).toBe(run.evaluate('test').accuracy);
  });

  it('reports null test figures when nothing is held out', () => {
    const run = freshRun(trainingSpec(), blobs(30, 0, 'no-test'));
    const result = run.trainEpoch();

    expect(result.testLoss).toBeNull();
    expect(result.testAccuracy).toBeNull();
  });

  it('flags divergence with a huge learning rate', () => {
    const net = createNetwork(
      2,
      { ...NetSpec, outputActivation: 'identity', loss: 'mse' },
      3,
      seedrandom('diverge/init'),
    );
    const spec = trainingSpec({
      optimizer: { kind: 'sgd' },
      learningRate: 1e6,
      shuffle: false,
      l2: 0,
    });
    const run = new TrainingRun(net, blobs(45, 15, 'blobs'), spec);

    const history = trainEpochs(run, 10);
    const diverged = history.find((h) => h.diverged);

    expect(diverged).toBeDefined();
    expect(Number.isFinite(diverged!.trainLoss)).toBe(false);
    expect(divergenceMessage(diverged!.epoch)).toBe(
      `Training diverged at epoch ${diverged!.epoch}: ` +
        'the loss became NaN/infinite. Try a smaller learning rate.',
    );
  });

  it('refuses data that does not fit the network', () => {
    const data = blobs(30, 10, 'x');
    data.nFeatures = 3;
    const net = createNetwork(2, NetSpec, 3, seedrandom('refuse/init'));

    expect(() => new TrainingRun(net, data, trainingSpec())).toThrow(
      'TrainingRun: nFeatures: is 3 but the network takes 2 inputs',
    );
  });
});

describe('EarlyStopping', () => {
  const epoch = (testLoss: number): EpochResult => ({
    epoch: 1,
    trainLoss: 0,
    trainAccuracy: 0,
    testLoss,
    testAccuracy: 0,
    diverged: false,
  });

  it('stops after patience epochs without improvement beyond minDelta', () => {
    const stopper = new EarlyStopping(2, 0.01);

    expect(stopper.update(epoch(1))).toBe(false);
    expect(stopper.update(epoch(0.5))).toBe(false);
    expect(stopper.update(epoch(0.495))).toBe(false);
    expect(stopper.update(epoch(0.6))).toBe(true);
  });
});
