import * as v from 'valibot';
import { ExperimentSchema } from './experiment.ts';
import { ModelFileSchema, type ModelFile } from './model-schema.ts';
import type { CsvRecipe } from './recipe.ts';
import {
  InitialStateSchema,
  type DatasetSummary,
  type TrainerOut,
} from './trainer-protocol.ts';
import type { Parsed } from './validation.ts';

// The one object the renderer talks to, `window.lab`. Every request payload
// has a schema here; hosts parse payloads with it before acting.

/** What every LabApi call resolves to: a value or a readable error. */
export type Result<T> = Parsed<T>;

/** A run event: a trainer message tagged with its run. */
export type RunEvent = TrainerOut & { runId: string };

/** What the menu asks the renderer to do. */
export const MenuActions = [
  'openModel',
  'saveModel',
  'importCsv',
  'exportHistory',
] as const;
export type MenuAction = (typeof MenuActions)[number];

/** A run as the runs list shows it. */
export interface RunSummary {
  id: string;
  name: string;
  createdAt: string;
  status:
    | 'running'
    | 'paused'
    | 'completed'
    | 'stopped'
    | 'diverged'
    | 'earlyStopped'
    | 'failed';
  epochsDone: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

/** Where an imported CSV comes from: a path, or a file's text. */
export const CsvSourceSchema = v.union([
  v.strictObject({ path: v.pipe(v.string(), v.minLength(1)) }),
  v.strictObject({
    name: v.string(),
    text: v.pipe(v.string(), v.maxLength(512 * 1024 * 1024)),
  }),
]);
export type CsvSource = v.InferOutput<typeof CsvSourceSchema>;

/** A CSV read with its label column chosen: recipe, summary and a sample. */
export interface CsvImport {
  recipe: CsvRecipe;
  header: string[];
  rows: number;
  classNames: string[];
  featureNames: string[];
  /** Up to a few thousand rows, for plotting. */
  preview: { X: number[][]; y: number[] };
}

export const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));

/** Request schemas, one per channel that carries a payload. */
export const Requests = {
  startRun: v.strictObject({
    experiment: ExperimentSchema,
    initial: v.optional(v.nullable(InitialStateSchema)),
    name: v.optional(v.pipe(v.string(), v.maxLength(200))),
  }),
  runId: v.strictObject({ runId: Id }),
  renameRun: v.strictObject({
    runId: Id,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  }),
  saveModel: v.strictObject({
    model: ModelFileSchema,
    suggestedName: v.pipe(v.string(), v.maxLength(200)),
  }),
  importCsv: v.strictObject({
    source: CsvSourceSchema,
    labelColumn: v.optional(v.string()),
    featureColumns: v.optional(v.array(v.string())),
  }),
  exportText: v.strictObject({
    text: v.pipe(v.string(), v.maxLength(256 * 1024 * 1024)),
    suggestedName: v.pipe(v.string(), v.maxLength(200)),
  }),
  exportPng: v.strictObject({
    dataUrl: v.pipe(v.string(), v.startsWith('data:image/png;base64,')),
    suggestedName: v.pipe(v.string(), v.maxLength(200)),
  }),
  setDirty: v.strictObject({ dirty: v.boolean() }),
} as const;

type Req<K extends keyof typeof Requests> = v.InferOutput<(typeof Requests)[K]>;

/** The renderer's whole view of the rest of the app. */
export interface LabApi {
  /** Starts a run in its own trainer process. */
  startRun(req: Req<'startRun'>): Promise<Result<{ runId: string }>>;
  pauseRun(req: Req<'runId'>): Promise<Result<null>>;
  resumeRun(req: Req<'runId'>): Promise<Result<null>>;
  stopRun(req: Req<'runId'>): Promise<Result<null>>;
  /** Every message of every run; returns a function that unsubscribes. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;

  /** Runs kept in the data folder, newest first. */
  listRuns(): Promise<Result<RunSummary[]>>;
  renameRun(req: Req<'renameRun'>): Promise<Result<null>>;
  deleteRun(req: Req<'runId'>): Promise<Result<null>>;
  /** The model a finished run produced. */
  getRunModel(req: Req<'runId'>): Promise<Result<ModelFile>>;

  /** Saves a model where the user chooses; null when they cancel. */
  saveModel(req: Req<'saveModel'>): Promise<Result<{ name: string } | null>>;
  /** Opens and validates a model the user chooses; null on cancel. */
  openModel(): Promise<Result<{ model: ModelFile; name: string } | null>>;
  /** Asks the user for a CSV file; null on cancel. */
  chooseCsv(): Promise<Result<CsvSource | null>>;
  /** Reads a CSV, checks every cell and returns its recipe and a sample. */
  importCsv(req: Req<'importCsv'>): Promise<Result<CsvImport>>;
  /** Writes the history CSV where the user chooses. */
  exportHistory(
    req: Req<'exportText'>,
  ): Promise<Result<{ name: string } | null>>;
  /** Writes a chart image where the user chooses. */
  exportPng(req: Req<'exportPng'>): Promise<Result<{ name: string } | null>>;

  /** Tells the host whether a trained model is unsaved (asked on close). */
  setDirty(req: Req<'setDirty'>): Promise<Result<null>>;
  /** Menu commands; returns a function that unsubscribes. */
  onMenu(listener: (action: MenuAction) => void): () => void;
}

/** Summary of a freshly built data set, as a trainer reports it. */
export type { DatasetSummary };
