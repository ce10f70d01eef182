import seedrandom from 'seedrandom';
import type { NetworkSpec, TrainingSpec } from '../src-shared/experiment.ts';
import { createNetwork } from '../src-shared/engine/network.ts';
import {
  TrainingRun,
  type TrainingData,
} from '../src-shared/engine/training.ts';

// Training speed of the engine on the shapes of exercises 2 and 3. The data
// are random Gaussian features with labels from a fixed linear rule, not the
// make_classification sets: data generation is benchmarked on its own, and
// the engine's speed does not depend on the values. Every epoch includes
// the end-of-epoch evaluation on the training and test parts.

interface Setup {
  name: string;
  nTrain: number;
  nTest: number;
  nFeatures: number;
  nClasses: number;
  network: NetworkSpec;
  training: TrainingSpec;
}

const EPOCHS = 200;
const RUNS = 5;

const Setups: Setup[] = [
  {
    name: 'exercise 2: 2→10 sigmoid→1 sigmoid, bce, full batch (800)',
    nTrain: 800,
    nTest: 200,
    nFeatures: 2,
    nClasses: 2,
    network: {
      hidden: [{ units: 10, activation: 'sigmoid' }],
      outputActivation: 'sigmoid',
      loss: 'bce',
      init: 'glorotUniform',
    },
    training: trainingSpec(0.8, 'full'),
  },
  {
    name: 'exercise 3: 4→128 tanh→3 softmax, cce, batches of 32 (1200)',
    nTrain: 1200,
    nTest: 300,
    nFeatures: 4,
    nClasses: 3,
    network: {
      hidden: [{ units: 128, activation: 'tanh' }],
      outputActivation: 'softmax',
      loss: 'cce',
      init: 'glorotUniform',
    },
    training: trainingSpec(0.001, 32),
  },
];

function trainingSpec(
  learningRate: number,
  batchSize: number | 'full',
): TrainingSpec {
  return {
    optimizer: { kind: 'sgd' },
    learningRate,
    batchSize,
    epochs: EPOCHS,
    shuffle: false,
    seed: 1,
    l2: 0,
    earlyStopping: null,
  };
}

/** Gaussian features; class = index of the largest of a few fixed sums. */
function randomData(setup: Setup, seed: string): TrainingData {
  const random = seedrandom(seed);
  const gaussian = () =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const { nFeatures, nClasses } = setup;
  const nOutputs = nClasses === 2 ? 1 : nClasses;

  const part = (n: number) => {
    const x = new Float64Array(n * nFeatures);
    const targets = new Float64Array(n * nOutputs);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < nFeatures; k++) x[i * nFeatures + k] = gaussian();
      const scores = Array.from(
        { length: nClasses },
        (_, c) => x[i * nFeatures + (c % nFeatures)] * (c + 1),
      );
      const label = scores.indexOf(Math.max(...scores));
      labels[i] = label;
      if (nOutputs === 1) targets[i] = label;
      else targets[i * nOutputs + label] = 1;
    }
    return { x, targets, labels };
  };
  const train = part(setup.nTrain);
  const test = part(setup.nTest);
  return {
    nFeatures,
    nOutputs,
    xTrain: train.x,
    targetsTrain: train.targets,
    labelsTrain: train.labels,
    nTrain: setup.nTrain,
    xTest: test.x,
    targetsTest: test.targets,
    labelsTest: test.labels,
    nTest: setup.nTest,
  };
}

/** Seconds for EPOCHS epochs of a fresh network. */
function timeRun(setup: Setup, data: TrainingData, run: number): number {
  const nOutputs = data.nOutputs;
  const net = createNetwork(
    setup.nFeatures,
    setup.network,
    nOutputs,
    seedrandom(`${run}/init`),
  );
  const training = new TrainingRun(net, data, setup.training);

  const start = performance.now();
  for (let e = 0; e < EPOCHS; e++) training.trainEpoch();
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Prints epochs and samples per second for the exercise 2 and 3 setups. */
export async function benchEngine(): Promise<void> {
  for (const setup of Setups) {
    const data = randomData(setup, 'bench/data');
    timeRun(setup, data, 0);

    const seconds: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      seconds.push(timeRun(setup, data, run));
    }

    const mid = median(seconds);
    const epochsPerSecond = EPOCHS / mid;
    const samplesPerSecond = (EPOCHS * setup.nTrain) / mid;
    console.log(
      `Bench: ${setup.name}: ${epochsPerSecond.toFixed(0)} epochs/s, ` +
        `${Math.round(samplesPerSecond)} training samples/s ` +
        `(median of ${RUNS} runs of ${EPOCHS} epochs, ${(mid * 1000).toFixed(1)} ms each)`,
    );
  }
}
