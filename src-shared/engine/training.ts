import seedrandom from 'seedrandom';
import type { TrainingSpec } from '../experiment.ts';
import type { OptimizerState } from '../model-schema.ts';
import { lossDivisor, lossSum } from './losses.ts';
import { countCorrect } from './metrics.ts';
import { halfSquaredWeights, type Network } from './network.ts';
import { createOptimizer, type Optimizer } from './optimizers.ts';
import {
  backward,
  createWorkspace,
  forward,
  type Workspace,
} from './propagation.ts';

// Layout: features are row-major [n × nFeatures], targets [n × nOutputs]
// (one-hot for softmax, 0/1 for one output), labels [n] class indices.

/** A split, preprocessed data set in the engine's flat layout. */
export interface TrainingData {
  nFeatures: number;
  nOutputs: number;
  xTrain: Float64Array;
  targetsTrain: Float64Array;
  labelsTrain: Int32Array;
  nTrain: number;
  xTest: Float64Array;
  targetsTest: Float64Array;
  labelsTest: Int32Array;
  nTest: number;
}

/** One epoch's figures, measured with the weights at the end of the epoch. */
export interface EpochResult {
  /** 1-based, counting epochs trained before this run. */
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  /** Null when nothing is held out. */
  testLoss: number | null;
  testAccuracy: number | null;
  /** The loss became NaN or infinite. */
  diverged: boolean;
}

/** Rows evaluated per forward pass when measuring loss and accuracy. */
const EVAL_CHUNK = 1024;

/** The sentence shown when a run stops because its loss blew up. */
export function divergenceMessage(epoch: number): string {
  return (
    `Training diverged at epoch ${epoch}: ` +
    'the loss became NaN/infinite. Try a smaller learning rate.'
  );
}

/** The seedrandom stream name of epoch `epoch`'s batch order. */
export function shuffleStreamName(seed: number, epoch: number): string {
  return `${seed}/shuffle/${epoch}`;
}

/**
 * Trains a network in place, one mini-batch or one epoch at a time; batch
 * order of epoch e depends only on the seed and e, so a run continued from
 * saved weights, optimizer state and epochsDone matches one longer run.
 */
export class TrainingRun {
  /** The network being trained (updated in place). */
  readonly network: Network;
  /** Epochs finished, including those before this run. */
  epochsDone: number;

  private readonly data: TrainingData;
  private readonly spec: TrainingSpec;
  private readonly optimizer: Optimizer;
  private readonly ws: Workspace;
  private readonly batchSize: number;
  private readonly order: Int32Array;
  private readonly xBatch: Float64Array;
  private readonly yBatch: Float64Array;
  /** Views of consecutive batches, used when batches are taken in order. */
  private readonly inOrder: { x: Float64Array; y: Float64Array }[];
  /** First sample of the next batch within the current epoch. */
  private position = 0;

  /** Prepares training; throws if the data does not fit the network. */
  constructor(
    net: Network,
    data: TrainingData,
    spec: TrainingSpec,
    opts: {
      optimizerState?: OptimizerState | null;
      epochsDone?: number;
    } = {},
  ) {
    checkData(net, data);
    this.network = net;
    this.data = data;
    this.spec = spec;
    this.epochsDone = opts.epochsDone ?? 0;
    this.optimizer = createOptimizer(
      spec.optimizer,
      net,
      opts.optimizerState ?? null,
    );

    const { nTrain, nTest, nFeatures, nOutputs } = data;
    this.batchSize =
      spec.batchSize === 'full' ? nTrain : Math.min(spec.batchSize, nTrain);
    const evalRows = Math.min(EVAL_CHUNK, Math.max(nTrain, nTest));
    this.ws = createWorkspace(net, Math.max(this.batchSize, evalRows));

    this.order = new Int32Array(nTrain);
    this.xBatch = new Float64Array(
      spec.shuffle ? this.batchSize * nFeatures : 0,
    );
    this.yBatch = new Float64Array(
      spec.shuffle ? this.batchSize * nOutputs : 0,
    );
    this.inOrder = [];
    if (!spec.shuffle) {
      for (let start = 0; start < nTrain; start += this.batchSize) {
        const end = Math.min(start + this.batchSize, nTrain);
        this.inOrder.push({
          x: data.xTrain.subarray(start * nFeatures, end * nFeatures),
          y: data.targetsTrain.subarray(start * nOutputs, end * nOutputs),
        });
      }
    }
  }

  /**
   * Trains one mini-batch; returns the epoch's record when that batch ended an
   * epoch, else null.
   */
  trainBatch(): EpochResult | null {
    const nTrain = this.data.nTrain;
    const start = this.position;
    const n = Math.min(this.batchSize, nTrain - start);

    let x: Float64Array;
    let y: Float64Array;
    if (this.spec.shuffle) {
      if (start === 0) this.shuffleOrder(this.epochsDone + 1);
      this.gather(start, n);
      x = this.xBatch;
      y = this.yBatch;
    } else {
      const batch = this.inOrder[start / this.batchSize];
      x = batch.x;
      y = batch.y;
    }

    forward(this.network, x, n, this.ws);
    backward(this.network, x, y, n, this.ws);
    this.optimizer.update(
      this.network,
      this.ws.dWeights,
      this.ws.dBias,
      this.spec.learningRate,
      this.spec.l2,
    );

    this.position = start + n;
    if (this.position < nTrain) return null;
    this.position = 0;
    this.epochsDone++;
    return this.epochResult();
  }

  /** Trains one whole epoch (finishing the current one if it is under way). */
  trainEpoch(): EpochResult {
    for (;;) {
      const result = this.trainBatch();
      if (result) return result;
    }
  }

  /** Mean loss (plus ½λΣW² when l2 > 0) and accuracy on one part. */
  evaluate(which: 'train' | 'test'): { loss: number; accuracy: number } {
    const d = this.data;
    const isTrain = which === 'train';
    const n = isTrain ? d.nTrain : d.nTest;
    const x = isTrain ? d.xTrain : d.xTest;
    const y = isTrain ? d.targetsTrain : d.targetsTest;
    const labels = isTrain ? d.labelsTrain : d.labelsTest;
    const { nFeatures, nOutputs } = d;
    if (n === 0) return { loss: NaN, accuracy: NaN };

    const chunk = this.ws.capacity;
    const lossName = this.network.loss;
    let sum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      const xChunk = x.subarray(start * nFeatures, (start + rows) * nFeatures);
      const out = forward(this.network, xChunk, rows, this.ws);
      sum += lossSum(lossName, out, y, rows, nOutputs, 0, start * nOutputs);
      correct += countCorrect(out, labels, start, rows, nOutputs);
    }

    let loss = sum / lossDivisor(lossName, n, nOutputs);
    if (this.spec.l2 > 0)
      loss += this.spec.l2 * halfSquaredWeights(this.network);
    return { loss, accuracy: correct / n };
  }

  /** The optimizer's memory, for saving and continuing later. */
  optimizerState(): OptimizerState {
    return this.optimizer.exportState();
  }

  private epochResult(): EpochResult {
    const train = this.evaluate('train');
    const test = this.data.nTest > 0 ? this.evaluate('test') : null;
    const diverged =
      !Number.isFinite(train.loss) ||
      (test !== null && !Number.isFinite(test.loss));
    return {
      epoch: this.epochsDone,
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      testLoss: test ? test.loss : null,
      testAccuracy: test ? test.accuracy : null,
      diverged,
    };
  }

  /** Fisher–Yates over the identity, from the epoch's own random stream. */
  private shuffleOrder(epoch: number): void {
    const order = this.order;
    const n = order.length;
    for (let i = 0; i < n; i++) order[i] = i;
    const random = seedrandom(shuffleStreamName(this.spec.seed, epoch));
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  /** Copies the rows order[start..start+n) into the batch buffers. */
  private gather(start: number, n: number): void {
    const { nFeatures, nOutputs, xTrain, targetsTrain } = this.data;
    const order = this.order;
    for (let r = 0; r < n; r++) {
      const src = order[start + r];
      this.xBatch.set(
        xTrain.subarray(src * nFeatures, (src + 1) * nFeatures),
        r * nFeatures,
      );
      this.yBatch.set(
        targetsTrain.subarray(src * nOutputs, (src + 1) * nOutputs),
        r * nOutputs,
      );
    }
  }
}

/** Throws unless the data's shapes fit the network and each other. */
function checkData(net: Network, d: TrainingData): void {
  const first = net.layers[0];
  const last = net.layers[net.layers.length - 1];
  const problems: string[] = [];
  if (d.nTrain < 1) problems.push('nTrain: must be at least 1');
  if (d.nFeatures !== first.fanIn) {
    problems.push(
      `nFeatures: is ${d.nFeatures} ` +
        `but the network takes ${first.fanIn} inputs`,
    );
  }
  if (d.nOutputs !== last.fanOut) {
    problems.push(
      `nOutputs: is ${d.nOutputs} but the network has ${last.fanOut} outputs`,
    );
  }
  const sizes: [string, number, number][] = [
    ['xTrain', d.xTrain.length, d.nTrain * d.nFeatures],
    ['targetsTrain', d.targetsTrain.length, d.nTrain * d.nOutputs],
    ['labelsTrain', d.labelsTrain.length, d.nTrain],
    ['xTest', d.xTest.length, d.nTest * d.nFeatures],
    ['targetsTest', d.targetsTest.length, d.nTest * d.nOutputs],
    ['labelsTest', d.labelsTest.length, d.nTest],
  ];
  for (const [field, actual, expected] of sizes) {
    if (actual !== expected) {
      problems.push(`${field}: has ${actual} values, expected ${expected}`);
    }
  }
  if (problems.length > 0) throw new Error(`TrainingRun: ${problems[0]}`);
}

/**
 * Tracks early stopping: stop once the watched loss (test loss, or train
 * loss when nothing is held out) has not improved by more than minDelta on
 * its best value for `patience` epochs in a row.
 */
export class EarlyStopping {
  private best = Infinity;
  private waited = 0;

  constructor(
    private readonly patience: number,
    private readonly minDelta: number,
  ) {}

  /** Records an epoch; returns true when training should stop. */
  update(result: EpochResult): boolean {
    const loss = result.testLoss ?? result.trainLoss;
    if (loss < this.best - this.minDelta) {
      this.best = loss;
      this.waited = 0;
      return false;
    }
    this.waited++;
    return this.waited >= this.patience;
  }
}
