import type { Experiment } from '../../../src-shared/experiment.ts';
import type { LabApi, RunEvent } from '../../../src-shared/lab-api.ts';
import type {
  ModelFile,
  NetworkParams,
} from '../../../src-shared/model-schema.ts';
import type {
  DatasetSummary,
  EndReason,
  EpochRecord,
  InitialState,
} from '../../../src-shared/trainer-protocol.ts';
import { showError } from './alerts.svelte.ts';
import { LiveHistory } from './live-history.ts';
import { FLUSH_MS, Throttle } from './throttle.ts';

// The run on screen: its state, its live figures and the model it made.
// Progress messages are buffered and folded in at most once per FLUSH_MS:
// every fold redraws the readouts.

/** Where the run on screen is. */
export type RunStatus =
  'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

/** The current run (or opened model) and everything drawn from it. */
export class RunSession {
  runId = $state<string | null>(null);
  status = $state<RunStatus>('idle');
  /** The experiment of the run or model on screen. */
  experiment = $state.raw<Experiment | null>(null);
  summary = $state.raw<DatasetSummary | null>(null);
  firstEpoch = $state(1);
  lastEpoch = $state(0);
  latest = $state.raw<EpochRecord | null>(null);
  samplesPerSecond = $state(0);
  elapsed = $state(0);
  /** Latest weights: a live snapshot, or the finished model's. */
  network = $state.raw<NetworkParams | null>(null);
  model = $state.raw<ModelFile | null>(null);
  /** The file the model came from or went to, if any. */
  modelName = $state<string | null>(null);
  endReason = $state<EndReason | null>(null);
  message = $state('');
  dirty = $state(false);
  /** Bumped whenever `history` grows, for charts to redraw. */
  version = $state(0);
  history = new LiveHistory();

  private pending: RunEvent[] = [];
  private early: RunEvent[] = [];
  private throttle = new Throttle();
  private onFinished: () => void;

  constructor(
    private lab: LabApi,
    onFinished: () => void,
  ) {
    this.onFinished = onFinished;
    lab.onRunEvent((event) => this.receive(event));
  }

  /** Whether a run is under way (paused counts). */
  get active(): boolean {
    return ['starting', 'running', 'paused', 'stopping'].includes(this.status);
  }

  /**
   * Starts a run; `initial` continues from an earlier model, and `firstLook`
   * is shown until the first snapshot arrives (the weights it starts from).
   */
  async start(
    experiment: Experiment,
    initial: InitialState | null = null,
    firstLook: NetworkParams | null = null,
  ): Promise<void> {
    this.status = 'starting';
    this.experiment = experiment;
    this.model = null;
    this.modelName = null;
    this.endReason = null;
    this.message = '';
    this.latest = null;
    this.summary = null;
    this.samplesPerSecond = 0;
    this.elapsed = 0;
    this.network = initial?.network ?? firstLook;
    this.history.reset(initial?.history ?? null);
    this.firstEpoch = (initial?.epochsDone ?? 0) + 1;
    this.lastEpoch = this.firstEpoch - 1 + experiment.training.epochs;
    this.version++;
    this.early = [];

    const result = await this.lab.startRun({
      experiment,
      initial,
      name: experiment.name,
    });
    if (!result.ok) {
      this.status = 'failed';
      showError(`Could not start training: ${result.error}`);
      return;
    }
    this.runId = result.value.runId;

    // Events may overtake the reply that names the run.
    const early = this.early.filter((e) => e.runId === this.runId);
    this.early = [];
    for (const event of early) this.receive(event);
  }

  /** Continues the finished model for `epochs` more epochs. */
  async continueFor(epochs: number): Promise<void> {
    const model = this.model;
    if (!model) return;
    const experiment: Experiment = {
      ...model.experiment,
      training: { ...model.experiment.training, epochs },
    };
    await this.start(experiment, {
      network: model.network,
      optimizerState: model.optimizerState,
      epochsDone: model.epochsDone,
      history: model.history,
    });
  }

  /** Pauses, resumes or stops the current run. */
  async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    const runId = this.runId;
    if (!runId) return;
    if (action === 'stop') this.status = 'stopping';
    const call =
      action === 'pause'
        ? this.lab.pauseRun({ runId })
        : action === 'resume'
          ? this.lab.resumeRun({ runId })
          : this.lab.stopRun({ runId });
    const result = await call;
    if (!result.ok) showError(`Could not ${action} the run: ${result.error}`);
  }

  /** Shows a model (opened, or a kept run's) as the current one. */
  showModel(model: ModelFile, name: string | null, runId: string | null) {
    this.runId = runId;
    this.status = 'done';
    this.experiment = model.experiment;
    this.model = model;
    this.modelName = name;
    this.samplesPerSecond = 0;
    this.elapsed = 0;
    this.network = model.network;
    this.endReason = null;
    this.message = '';
    this.history.reset(model.history);
    this.firstEpoch = 1;
    this.lastEpoch = model.epochsDone;
    this.latest = lastRecord(model);
    this.summary = null;
    this.version++;
    this.setDirty(false);
  }

  /** Tells the host whether the model on screen is unsaved. */
  setDirty(dirty: boolean): void {
    this.dirty = dirty;
    void this.lab.setDirty({ dirty });
  }

  private receive(event: RunEvent): void {
    if (event.runId !== this.runId) {
      if (this.status === 'starting') this.early.push(event);
      return;
    }
    switch (event.type) {
      case 'started':
        this.summary = event.dataset;
        this.firstEpoch = event.firstEpoch;
        this.lastEpoch = event.lastEpoch;
        if (this.status === 'starting') this.status = 'running';
        return;
      case 'progress':
        this.pending.push(event);
        this.throttle.schedule(() => this.flush(), FLUSH_MS);
        return;
      case 'state':
        if (this.status !== 'stopping') this.status = event.state;
        return;
      case 'done':
        this.flush();
        this.model = event.model;
        this.network = event.model.network;
        this.endReason = event.reason;
        this.message = event.message;
        this.status = 'done';
        this.history.reset(event.model.history);
        this.latest = lastRecord(event.model) ?? this.latest;
        this.version++;
        this.setDirty(true);
        if (event.reason === 'diverged') showError(event.message);
        this.onFinished();
        return;
      case 'error':
        this.flush();
        this.status = 'failed';
        showError(`Training failed: ${event.message}`);
        this.onFinished();
    }
  }

  /** Folds buffered progress into the figures, a few times a second. */
  private flush(): void {
    this.throttle.cancel();
    const events = this.pending;
    if (events.length === 0) return;
    this.pending = [];

    let snapshot: NetworkParams | null = null;
    let last: EpochRecord | null = null;
    for (const event of events) {
      if (event.type !== 'progress') continue;
      for (const record of event.epochs) this.history.append(record);
      last = event.epochs[event.epochs.length - 1] ?? last;
      snapshot = event.snapshot ?? snapshot;
      this.samplesPerSecond = event.samplesPerSecond;
      this.elapsed = event.elapsedSeconds;
    }
    if (last) this.latest = last;
    if (snapshot) this.network = snapshot;
    if (this.status === 'starting') this.status = 'running';
    this.version++;
  }
}

/** The model's last epoch as a record, or null before any epoch. */
function lastRecord(model: ModelFile): EpochRecord | null {
  const h = model.history;
  const n = h.trainLoss.length;
  if (n === 0) return null;
  return {
    epoch: model.epochsDone,
    trainLoss: h.trainLoss[n - 1],
    trainAccuracy: h.trainAccuracy[n - 1],
    testLoss: h.testLoss.length ? h.testLoss[h.testLoss.length - 1] : null,
    testAccuracy: h.testAccuracy.length
      ? h.testAccuracy[h.testAccuracy.length - 1]
      : null,
    seconds: h.seconds[h.seconds.length - 1] ?? 0,
  };
}
