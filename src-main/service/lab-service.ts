import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import {
  Requests,
  type CsvImport,
  type Result,
  type RunEvent,
  type RunSummary,
} from '../../src-shared/lab-api.ts';
import type { ModelFile } from '../../src-shared/model-schema.ts';
import type { TrainerOut } from '../../src-shared/trainer-protocol.ts';
import { parseWith } from '../../src-shared/validation.ts';
import { appendRecord, copyHistory } from '../../src-shared/experiment-run.ts';
import { importCsv } from './csv-import.ts';
import {
  readModelFile,
  writeAtomic,
  writeModelFile,
  writePngFile,
} from './file-ops.ts';
import { RunStore, type StoredRun } from './run-store.ts';
import {
  connectTrainer,
  exitMessage,
  type TrainerConnection,
} from './trainer-connection.ts';
import type { TrainerLauncher } from './trainer-launcher.ts';

// The backend every host shares (Electron main, the browser-mode server,
// the command line): runs in trainer processes, the runs kept on disk, and
// the file operations behind the LabApi. User errors come back as results,
// never as exceptions.

/** How a LabService is set up. */
export interface LabServiceOptions {
  /** Folder for runs and imported data sets. */
  dataDir: string;
  /** Starts trainer processes. */
  launcher: TrainerLauncher;
  /** Receives log lines; stderr when absent. */
  log?: (line: string) => void;
}

/** A run whose trainer process is alive. */
interface LiveRun {
  connection: TrainerConnection;
  /** The trainer already reported an error for this run. */
  errorSent: boolean;
  /** The run has ended; the process is on its way out. */
  ended: boolean;
}

/** How long a trainer may linger after its run has ended. */
const EXIT_GRACE_MS = 2000;

/** Seconds between saves of a running run's history. */
const SAVE_INTERVAL_MS = 5000;

/** The lab's backend: runs, their trainers and their files. */
export class LabService {
  private readonly dataDir: string;
  private readonly launcher: TrainerLauncher;
  private readonly log: (line: string) => void;
  private readonly store: RunStore;
  private readonly runs = new Map<string, StoredRun>();
  private readonly live = new Map<string, LiveRun>();
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly lastSaved = new Map<string, number>();
  private loading: Promise<void> | null = null;

  constructor(options: LabServiceOptions) {
    this.dataDir = options.dataDir;
    this.launcher = options.launcher;
    this.log = options.log ?? ((line) => console.error(line));
    this.store = new RunStore(options.dataDir);
  }

  /** Starts a run in its own trainer process. */
  async startRun(request: unknown): Promise<Result<{ runId: string }>> {
    const parsed = parseWith(Requests.startRun, request);
    if (!parsed.ok) return parsed;
    const failed = await this.ready();
    if (failed) return failed;

    const { experiment, initial, name } = parsed.value;
    const id = newRunId();
    const run: StoredRun = {
      summary: {
        id,
        name: name || experiment.name || 'run',
        createdAt: new Date().toISOString(),
        status: 'running',
        epochsDone: initial?.epochsDone ?? 0,
        trainAccuracy: null,
        testAccuracy: null,
      },
      experiment,
      history: copyHistory(initial?.history),
      model: null,
      message: null,
    };
    let connection: TrainerConnection;
    try {
      connection = connectTrainer(this.launcher, {
        onMessage: (message) => this.onTrainerMessage(id, message),
        onInvalid: (problem) => this.onTrainerInvalid(id, problem),
        onExit: ({ code, done }) => this.onTrainerExit(id, code, done),
      });
    } catch (error) {
      const message = `could not start a trainer: ${(error as Error).message}`;
      this.log(`Lab: ${message}`);
      return { ok: false, error: message };
    }

    this.runs.set(id, run);
    const liveRun: LiveRun = { connection, errorSent: false, ended: false };
    this.live.set(id, liveRun);
    liveRun.connection.send({
      type: 'start',
      experiment,
      initial: initial ?? null,
    });
    this.log(`Lab: run ${id} started (${run.summary.name})`);
    await this.save(run);
    return { ok: true, value: { runId: id } };
  }

  /** Pauses a running run; the trainer confirms with a state event. */
  pauseRun(request: unknown): Promise<Result<null>> {
    return this.control(request, 'pause');
  }

  /** Resumes a paused run; the trainer confirms with a state event. */
  resumeRun(request: unknown): Promise<Result<null>> {
    return this.control(request, 'resume');
  }

  /** Stops a run; its model arrives with the done event. */
  stopRun(request: unknown): Promise<Result<null>> {
    return this.control(request, 'stop');
  }

  /** Calls `listener` with every event of every run until unsubscribed. */
  onRunEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every run known, newest first. */
  async listRuns(): Promise<Result<RunSummary[]>> {
    const failed = await this.ready();
    if (failed) return failed;
    const summaries = [...this.runs.values()].map((run) => ({
      ...run.summary,
    }));
    summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { ok: true, value: summaries };
  }

  /** Gives a run a new name. */
  async renameRun(request: unknown): Promise<Result<null>> {
    const parsed = parseWith(Requests.renameRun, request);
    if (!parsed.ok) return parsed;
    const found = await this.findRun(parsed.value.runId);
    if (!found.ok) return found;

    found.value.summary.name = parsed.value.name;
    return this.attempt(async () => {
      await this.store.save(found.value);
      return null;
    });
  }

  /** Forgets a run, ending its trainer if it is still going. */
  async deleteRun(request: unknown): Promise<Result<null>> {
    const parsed = parseWith(Requests.runId, request);
    if (!parsed.ok) return parsed;
    const found = await this.findRun(parsed.value.runId);
    if (!found.ok) return found;

    const id = parsed.value.runId;
    this.live.get(id)?.connection.kill();
    this.live.delete(id);
    this.runs.delete(id);
    this.log(`Lab: run ${id} deleted`);
    return this.attempt(async () => {
      await this.store.remove(id);
      return null;
    });
  }

  /** The model a finished run produced. */
  async getRunModel(request: unknown): Promise<Result<ModelFile>> {
    const parsed = parseWith(Requests.runId, request);
    if (!parsed.ok) return parsed;
    const found = await this.findRun(parsed.value.runId);
    if (!found.ok) return found;

    const { model, summary } = found.value;
    if (model) return { ok: true, value: model };
    return {
      ok: false,
      error: `run ${summary.id} has no model (status: ${summary.status})`,
    };
  }

  /** Writes a model file atomically after checking it. */
  writeModel(path: string, model: unknown): Promise<Result<null>> {
    return writeModelFile(path, model);
  }

  /** Reads and validates a model file; the name is its base name. */
  readModel(path: string): Promise<Result<{ model: ModelFile; name: string }>> {
    return readModelFile(path);
  }

  /** Reads a CSV, checks every cell and returns its recipe and a sample. */
  async importCsv(request: unknown): Promise<Result<CsvImport>> {
    const parsed = parseWith(Requests.importCsv, request);
    if (!parsed.ok) return parsed;
    return this.attempt(() => importCsv(this.dataDir, parsed.value));
  }

  /** Writes a text file atomically. */
  writeText(path: string, text: string): Promise<Result<null>> {
    return writeAtomic(path, text);
  }

  /** Writes a PNG given as a base64 data URL, atomically. */
  writePng(path: string, dataUrl: string): Promise<Result<null>> {
    return writePngFile(path, dataUrl);
  }

  /** Ends every trainer and waits for the run files to be written. */
  async dispose(): Promise<void> {
    for (const [id, liveRun] of this.live) {
      this.log(`Lab: ending trainer of run ${id}`);
      liveRun.connection.kill();
    }
    await waitFor(() => this.live.size === 0, 2000);
    await this.store.settle();
  }

  private async control(
    request: unknown,
    type: 'pause' | 'resume' | 'stop',
  ): Promise<Result<null>> {
    const parsed = parseWith(Requests.runId, request);
    if (!parsed.ok) return parsed;
    const found = await this.findRun(parsed.value.runId);
    if (!found.ok) return found;

    const liveRun = this.live.get(parsed.value.runId);
    if (!liveRun || liveRun.ended || liveRun.connection.exited) {
      return {
        ok: false,
        error: `run ${parsed.value.runId} is not running (status: ${found.value.summary.status})`,
      };
    }
    liveRun.connection.send({ type });
    return { ok: true, value: null };
  }

  private onTrainerMessage(id: string, message: TrainerOut): void {
    const run = this.runs.get(id);
    if (run) this.apply(run, message);
    const liveRun = this.live.get(id);
    if (message.type === 'error') {
      if (liveRun) liveRun.errorSent = true;
      this.log(`Lab: run ${id}: trainer error: ${message.message}`);
    }
    if (message.type === 'done' && liveRun) {
      liveRun.ended = true;
      const { connection } = liveRun;
      setTimeout(() => connection.kill(), EXIT_GRACE_MS).unref();
    }
    this.emit({ ...message, runId: id });
  }

  private apply(run: StoredRun, message: TrainerOut): void {
    const { summary } = run;
    switch (message.type) {
      case 'progress': {
        for (const record of message.epochs) {
          appendRecord(run.history, record);
          summary.epochsDone = record.epoch;
          summary.trainAccuracy = record.trainAccuracy;
          summary.testAccuracy = record.testAccuracy;
        }
        const now = Date.now();
        if (now - (this.lastSaved.get(summary.id) ?? 0) > SAVE_INTERVAL_MS) {
          void this.save(run);
        }
        return;
      }
      case 'state':
        summary.status = message.state;
        void this.save(run);
        return;
      case 'done': {
        const { model } = message;
        run.model = model;
        run.history = model.history;
        run.message = message.message;
        summary.status = message.reason;
        summary.epochsDone = model.epochsDone;
        summary.trainAccuracy = model.history.trainAccuracy.at(-1) ?? null;
        summary.testAccuracy = model.history.testAccuracy.at(-1) ?? null;
        this.log(
          `Lab: run ${summary.id} ${message.reason}: ${message.message}`,
        );
        void this.save(run);
        return;
      }
      case 'error':
        run.message = message.message;
        return;
      case 'started':
        return;
    }
  }

  private onTrainerInvalid(id: string, problem: string): void {
    this.log(`Lab: run ${id}: ${problem}; ending its trainer`);
    const liveRun = this.live.get(id);
    if (!liveRun) return;
    liveRun.errorSent = true;
    this.emit({
      type: 'error',
      message: `The trainer broke protocol: ${problem}`,
      runId: id,
    });
    liveRun.connection.kill();
  }

  private onTrainerExit(id: string, code: number | null, done: boolean): void {
    const liveRun = this.live.get(id);
    this.live.delete(id);
    const run = this.runs.get(id);
    if (done || !run || !liveRun) return;

    const message = exitMessage(code);
    run.summary.status = 'failed';
    run.message = run.message ?? message;
    this.log(`Lab: run ${id} failed: ${message}`);
    if (!liveRun.errorSent) this.emit({ type: 'error', message, runId: id });
    void this.save(run);
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log(
          `Lab: a run event listener failed: ${(error as Error).message}`,
        );
      }
    }
  }

  private save(run: StoredRun): Promise<void> {
    this.lastSaved.set(run.summary.id, Date.now());
    return this.store.save(run).catch((error: Error) => {
      this.log(`Lab: could not save run ${run.summary.id}: ${error.message}`);
    });
  }

  /** Loads the stored runs once; runs that were live when the host ended failed. */
  private async ready(): Promise<{ ok: false; error: string } | null> {
    this.loading ??= (async () => {
      await mkdir(this.dataDir, { recursive: true });
      for (const run of await this.store.loadAll(this.log)) {
        if (
          run.summary.status === 'running' ||
          run.summary.status === 'paused'
        ) {
          run.summary.status = 'failed';
          run.message = 'The lab closed while this run was training.';
          void this.save(run);
        }
        if (!this.runs.has(run.summary.id)) this.runs.set(run.summary.id, run);
      }
    })();
    try {
      await this.loading;
      return null;
    } catch (error) {
      this.loading = null;
      return {
        ok: false,
        error: `${this.dataDir}: ${(error as Error).message}`,
      };
    }
  }

  private async findRun(id: string): Promise<Result<StoredRun>> {
    const failed = await this.ready();
    if (failed) return failed;
    const run = this.runs.get(id);
    return run
      ? { ok: true, value: run }
      : { ok: false, error: `runId: no run "${id}"` };
  }

  private async attempt<T>(task: () => Promise<T>): Promise<Result<T>> {
    try {
      return { ok: true, value: await task() };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
}

/** A fresh, file-name-safe run id that sorts by creation time. */
function newRunId(): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${time}-${randomBytes(4).toString('hex')}`;
}

async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
