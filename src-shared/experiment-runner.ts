import {
  divergenceMessage,
  EarlyStopping,
  networkToParams,
  type EpochResult,
  type TrainingRun,
} from './engine/index.ts';
import type { Dataset } from './data/index.ts';
import type { Experiment } from './experiment.ts';
import type {
  History,
  ModelFile,
  NetworkParams,
  OptimizerState,
} from './model-schema.ts';
import type {
  EndReason,
  EpochRecord,
  InitialState,
} from './trainer-protocol.ts';
import {
  appendRecord,
  buildModelFile,
  copyHistory,
  createTrainingRun,
  prepareExperiment,
  startingNetwork,
  toEpochRecord,
  type ExperimentData,
} from './experiment-run.ts';

// One experiment run driven batch by batch. The trainer process calls
// `step` in time slices between messages; scripts and tests can call
// `runToEnd`. The stopping rules (epoch limit, divergence, early stopping)
// live here so that every host applies them alike.

/** Why and how a run ended. */
export interface RunOutcome {
  reason: EndReason;
  /** A sentence for the user. */
  message: string;
}

/** The state after the last finished epoch, which a model file records. */
interface Checkpoint {
  network: NetworkParams;
  optimizerState: OptimizerState | null;
  epochsDone: number;
}

/** An experiment's run from prepared data to a model file. */
export class ExperimentRunner {
  /** The prepared data the run trains on. */
  readonly data: ExperimentData;
  /** The engine's training loop. */
  readonly run: TrainingRun;
  /** Number of the first epoch this run trains. */
  readonly firstEpoch: number;
  /** Number of the last epoch this run trains at most. */
  readonly lastEpoch: number;
  /** Every epoch so far, earlier runs' included. */
  readonly history: History;
  /** Set once the run has ended. */
  outcome: RunOutcome | null = null;

  private readonly experiment: Experiment;
  private readonly batchSamples: number;
  private readonly priorSeconds: number;
  private samplesDone = 0;
  private samplesInEpoch = 0;
  private checkpoint: Checkpoint;
  private readonly earlyStopping: EarlyStopping | null;

  constructor(
    experiment: Experiment,
    dataset: Dataset,
    initial: InitialState | null = null,
  ) {
    this.experiment = experiment;
    this.data = prepareExperiment(experiment, dataset);
    const network = startingNetwork(experiment, this.data, initial);
    this.run = createTrainingRun(experiment, this.data, network, initial);

    const epochsDone = initial?.epochsDone ?? 0;
    this.firstEpoch = epochsDone + 1;
    this.lastEpoch = epochsDone + experiment.training.epochs;
    this.history = copyHistory(initial?.history);
    this.priorSeconds = this.history.seconds.at(-1) ?? 0;

    const { batchSize } = experiment.training;
    const nTrain = this.data.training.nTrain;
    this.batchSamples =
      batchSize === 'full' ? nTrain : Math.min(batchSize, nTrain);
    const early = experiment.training.earlyStopping;
    this.earlyStopping = early
      ? new EarlyStopping(early.patience, early.minDelta)
      : null;
    this.checkpoint = {
      network: networkToParams(network),
      optimizerState: initial?.optimizerState ?? null,
      epochsDone,
    };
  }

  /**
   * Trains one mini-batch; returns the epoch's record when the batch ended
   * an epoch. `seconds` is the training time of this run so far.
   */
  step(seconds: number): EpochRecord | null {
    if (this.outcome) throw new Error('ExperimentRunner: the run has ended');
    const result = this.run.trainBatch();
    this.samplesInEpoch = Math.min(
      this.samplesInEpoch + this.batchSamples,
      this.data.training.nTrain,
    );
    if (!result) return null;

    this.samplesDone += this.data.training.nTrain;
    this.samplesInEpoch = 0;
    if (result.diverged) {
      // The diverged epoch's figures and weights are not finite: the model
      // keeps the last epoch that was.
      this.outcome = {
        reason: 'diverged',
        message: divergenceMessage(result.epoch),
      };
      return null;
    }

    const record = toEpochRecord(result, this.priorSeconds + seconds);
    appendRecord(this.history, record);
    this.checkpoint = {
      network: networkToParams(this.run.network),
      optimizerState: this.run.optimizerState(),
      epochsDone: result.epoch,
    };
    this.outcome = this.checkEnd(result);
    return record;
  }

  /** Samples processed so far, the current epoch's included. */
  get samplesProcessed(): number {
    return this.samplesDone + this.samplesInEpoch;
  }

  /** Ends the run at the user's request. */
  stop(): void {
    if (this.outcome) return;
    const epochs = this.checkpoint.epochsDone - (this.firstEpoch - 1);
    this.outcome = {
      reason: 'stopped',
      message: `Stopped after ${epochs} epoch${epochs === 1 ? '' : 's'}.`,
    };
  }

  /** The model file of the last finished epoch. */
  model(createdAt?: string): ModelFile {
    return buildModelFile({
      experiment: this.experiment,
      network: this.checkpoint.network,
      prepared: this.data.prepared,
      epochsDone: this.checkpoint.epochsDone,
      history: this.history,
      optimizerState: this.checkpoint.optimizerState,
      createdAt,
    });
  }

  private checkEnd(result: EpochResult): RunOutcome | null {
    const { earlyStopping, epochs } = this.experiment.training;
    if (result.epoch >= this.lastEpoch) {
      return {
        reason: 'completed',
        message: `Trained ${epochs} epoch${epochs === 1 ? '' : 's'}.`,
      };
    }
    if (!earlyStopping || !this.earlyStopping?.update(result)) return null;

    const which = result.testLoss === null ? 'training' : 'test';
    const { minDelta, patience } = earlyStopping;
    return {
      reason: 'earlyStopped',
      message:
        `Stopped early at epoch ${result.epoch}: the ${which} loss ` +
        `did not improve by more than ${minDelta} for ${patience} epochs.`,
    };
  }
}

/** Trains `runner` to its end in one go, timing it with `now` (ms). */
export function runToEnd(
  runner: ExperimentRunner,
  now: () => number = () => performance.now(),
): RunOutcome {
  const start = now();
  while (!runner.outcome) runner.step((now() - start) / 1000);
  return runner.outcome;
}
