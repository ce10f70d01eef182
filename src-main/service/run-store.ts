import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { ExperimentSchema } from '../../src-shared/experiment.ts';
import {
  HistorySchema,
  ModelFileSchema,
} from '../../src-shared/model-schema.ts';
import { parseWith } from '../../src-shared/validation.ts';
import { writeFileAtomic } from './atomic-write.ts';

// Runs kept on disk, one JSON file each in `<dataDir>/runs/<id>.json`, so
// that the runs list survives a restart.

/** Run ids are safe as file names. */
export const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

const RunStatuses = [
  'running',
  'paused',
  'completed',
  'stopped',
  'diverged',
  'earlyStopped',
  'failed',
] as const;

const StoredRunSchema = v.strictObject({
  summary: v.strictObject({
    id: v.pipe(v.string(), v.regex(RUN_ID)),
    name: v.string(),
    createdAt: v.string(),
    status: v.picklist(RunStatuses),
    epochsDone: v.pipe(v.number(), v.integer(), v.minValue(0)),
    trainAccuracy: v.nullable(v.number()),
    testAccuracy: v.nullable(v.number()),
  }),
  experiment: ExperimentSchema,
  history: HistorySchema,
  /** The run's model once it has finished. */
  model: v.nullable(ModelFileSchema),
  /** How the run ended, for the user; null while it runs. */
  message: v.nullable(v.string()),
});

/** A run as it is kept on disk. */
export type StoredRun = v.InferOutput<typeof StoredRunSchema>;

/** Reads and writes run files in one folder. */
export class RunStore {
  private readonly folder: string;
  private readonly writes = new Map<string, Promise<void>>();

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'runs');
  }

  /** Every readable run file; unreadable ones are reported and skipped. */
  async loadAll(log: (line: string) => void): Promise<StoredRun[]> {
    await mkdir(this.folder, { recursive: true });
    const names = (await readdir(this.folder)).filter((name) =>
      name.endsWith('.json'),
    );

    const runs: StoredRun[] = [];
    for (const name of names) {
      const path = join(this.folder, name);
      try {
        const parsed = parseWith(
          StoredRunSchema,
          JSON.parse(await readFile(path, 'utf8')),
        );
        if (!parsed.ok) throw new Error(parsed.error);
        if (`${parsed.value.summary.id}.json` !== name) {
          throw new Error('summary.id: does not match the file name');
        }
        runs.push(parsed.value);
      } catch (error) {
        log(`Lab: skipping ${path}: ${(error as Error).message}`);
      }
    }
    return runs;
  }

  /** Writes `run` (after any earlier write of the same run). */
  save(run: StoredRun): Promise<void> {
    const text = JSON.stringify(run);
    return this.queue(run.summary.id, () =>
      writeFileAtomic(this.pathOf(run.summary.id), text),
    );
  }

  /** Removes a run's file. */
  remove(id: string): Promise<void> {
    return this.queue(id, () => rm(this.pathOf(id), { force: true }));
  }

  /** Resolves once every queued write has finished. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }

  private pathOf(id: string): string {
    if (!RUN_ID.test(id)) throw new Error(`runId: "${id}" is not a valid id`);
    return join(this.folder, `${id}.json`);
  }

  private queue(id: string, task: () => Promise<void>): Promise<void> {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => mkdir(this.folder, { recursive: true }))
      .then(task);
    this.writes.set(id, next);
    void next
      .finally(() => {
        if (this.writes.get(id) === next) this.writes.delete(id);
      })
      .catch(() => undefined);
    return next;
  }
}
