import { resolve, sep } from 'node:path';
import type { GenericSchema, InferOutput } from 'valibot';
import type { ModelFile } from '../../src-shared/model-schema.ts';
import type { Recipe } from '../../src-shared/recipe.ts';
import {
  Requests,
  type LabApi,
  type Result,
} from '../../src-shared/lab-api.ts';
import { parseWith } from '../../src-shared/validation.ts';

// The LabApi methods that both hosts (Electron IPC and the browser-mode
// WebSocket) answer the same way: parse the payload, call the lab service,
// hand back its Result. Nothing here throws; failures become error Results.

/** LabApi methods whose work is done by the lab service alone. */
export type ServiceMethod =
  | 'startRun'
  | 'pauseRun'
  | 'resumeRun'
  | 'stopRun'
  | 'listRuns'
  | 'renameRun'
  | 'deleteRun'
  | 'getRunModel'
  | 'importCsv';

/** The part of the lab service that the hosts use. */
export type LabServiceLike = Pick<LabApi, ServiceMethod | 'onRunEvent'> & {
  /** Writes a model file atomically. */
  writeModel(path: string, model: ModelFile): Promise<Result<unknown>>;
  /** Reads and validates a model file. */
  readModel(path: string): Promise<Result<{ model: ModelFile; name: string }>>;
  /** Writes a text file. */
  writeText(path: string, text: string): Promise<Result<unknown>>;
  /** Writes a PNG given as a data URL. */
  writePng(path: string, dataUrl: string): Promise<Result<unknown>>;
  /** Stops every run and releases the service's resources. */
  dispose(): unknown;
};

/** A host-side method: untrusted params in, a Result out, never a throw. */
export type Handler = (params: unknown) => Promise<Result<unknown>>;

/** Host policy for CSV files named by path rather than sent as text. */
export interface CsvPathPolicy {
  /** Returns null when the path may be read, else the reason it may not. */
  check(path: string): string | null;
}

/** True when `path` lies inside `folder` (after resolving both). */
export function isInside(path: string, folder: string): boolean {
  const target = resolve(path);
  const root = resolve(folder);
  return target.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Every CSV path a recipe names, with its field path under `field`. */
export function csvPathsOf(
  recipe: Recipe,
  field: string,
): { field: string; path: string }[] {
  if (recipe.kind === 'csv')
    return [{ field: `${field}.path`, path: recipe.path }];
  if (recipe.kind !== 'perClass') return [];
  return recipe.classes.flatMap((part, i) =>
    csvPathsOf(part, `${field}.classes.${i}`),
  );
}

/** Logs a line with the host's subsystem prefix. */
export type Log = (line: string) => void;

/** Runs `work`, turning a thrown error into an error Result. */
export async function guarded<T>(
  method: string,
  log: Log,
  work: () => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${method} failed: ${message}`);
    return { ok: false, error: `${method}: ${message}` };
  }
}

/** Parses `params` with `schema`, then calls `work` with the parsed value. */
export function withSchema<S extends GenericSchema, T>(
  method: string,
  schema: S,
  log: Log,
  work: (request: InferOutput<S>) => Promise<Result<T>>,
): Handler {
  return (params) =>
    guarded(method, log, async () => {
      const parsed = parseWith(schema, params);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      return work(parsed.value);
    });
}

/** A handler for a method that takes no payload. */
export function withoutPayload<T>(
  method: string,
  log: Log,
  work: () => Promise<Result<T>>,
): Handler {
  return (params) =>
    guarded(method, log, async () => {
      if (params !== undefined && params !== null) {
        return { ok: false, error: `${method}: takes no parameters` };
      }
      return work();
    });
}

/** Builds the service-backed handlers shared by every host. */
export function serviceMethods(
  service: LabServiceLike,
  csvPaths: CsvPathPolicy,
  log: Log,
): Record<ServiceMethod, Handler> {
  return {
    startRun: withSchema('startRun', Requests.startRun, log, async (req) => {
      // A CSV recipe makes the trainer read a file: the same rule as import.
      for (const { field, path } of csvPathsOf(
        req.experiment.dataset,
        'experiment.dataset',
      )) {
        const refusal = csvPaths.check(path);
        if (refusal) return { ok: false, error: `${field}: ${refusal}` };
      }
      return service.startRun(req);
    }),
    pauseRun: withSchema('pauseRun', Requests.runId, log, (req) =>
      service.pauseRun(req),
    ),
    resumeRun: withSchema('resumeRun', Requests.runId, log, (req) =>
      service.resumeRun(req),
    ),
    stopRun: withSchema('stopRun', Requests.runId, log, (req) =>
      service.stopRun(req),
    ),
    listRuns: withoutPayload('listRuns', log, () => service.listRuns()),
    renameRun: withSchema('renameRun', Requests.renameRun, log, (req) =>
      service.renameRun(req),
    ),
    deleteRun: withSchema('deleteRun', Requests.runId, log, (req) =>
      service.deleteRun(req),
    ),
    getRunModel: withSchema('getRunModel', Requests.runId, log, (req) =>
      service.getRunModel(req),
    ),
    importCsv: withSchema('importCsv', Requests.importCsv, log, async (req) => {
      // A path names a file on this machine: only ones the user picked.
      if ('path' in req.source) {
        const refusal = csvPaths.check(req.source.path);
        if (refusal) return { ok: false, error: `source.path: ${refusal}` };
      }
      return service.importCsv(req);
    }),
  };
}
