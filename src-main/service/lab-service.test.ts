import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src-shared/lab-api.ts';
import type { ModelFile } from '../../src-shared/model-schema.ts';
import {
  quickExperiment,
  slowExperiment,
} from '../trainer/test-experiments.ts';
import { LabService } from './lab-service.ts';
import { createNodeTrainerLauncher } from './node-launcher.ts';
import type { TrainerHandle, TrainerLauncher } from './trainer-launcher.ts';

// The lab service with real trainer processes and a temporary data folder.

const quietLauncher = createNodeTrainerLauncher({ quiet: true });
let dataDir: string;
const services: LabService[] = [];
const logs: string[] = [];

/** A launcher that remembers each handle, so a test can kill one. */
function recordingLauncher(handles: TrainerHandle[]): TrainerLauncher {
  return (callbacks) => {
    const handle = quietLauncher(callbacks);
    handles.push(handle);
    return handle;
  };
}

function createService(launcher = quietLauncher): LabService {
  const service = new LabService({
    dataDir,
    launcher,
    log: (line) => logs.push(line),
  });
  services.push(service);
  return service;
}

/** Resolves with the first event of `runId` that matches. */
function nextEvent(
  service: LabService,
  match: (event: RunEvent) => boolean,
  timeoutMs = 20_000,
): Promise<RunEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no matching run event'));
    }, timeoutMs);
    const off = service.onRunEvent((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: string },
): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function trainedModel(
  service: LabService,
): Promise<{ runId: string; model: ModelFile }> {
  const done = nextEvent(service, (e) => e.type === 'done');
  const { runId } = unwrap(
    await service.startRun({
      experiment: quickExperiment(5),
      name: 'quick one',
    }),
  );
  await done;
  return { runId, model: unwrap(await service.getRunModel({ runId })) };
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mlp-lab-service-'));
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('LabService runs', () => {
  it('refuses a malformed start request, naming the field', async () => {
    const service = createService();
    const experiment = quickExperiment(5);
    const result = await service.startRun({
      experiment: {
        ...experiment,
        network: {
          ...experiment.network,
          hidden: [{ units: 0, activation: 'tanh' }],
        },
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^experiment\.network\.hidden\.0\.units: /,
    );
  });

  it('keeps finished runs across a restart of the service', async () => {
    const first = createService();
    const { runId, model } = await trainedModel(first);
    await first.dispose();

    const second = createService();
    const runs = unwrap(await second.listRuns());
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: runId,
      name: 'quick one',
      status: 'completed',
      epochsDone: 5,
    });
    expect(runs[0].testAccuracy).toBe(model.history.testAccuracy.at(-1));
    expect(unwrap(await second.getRunModel({ runId }))).toEqual(model);
  });

  it('renames and deletes runs', async () => {
    const service = createService();
    const { runId } = await trainedModel(service);

    unwrap(await service.renameRun({ runId, name: 'renamed' }));
    expect(unwrap(await service.listRuns())[0].name).toBe('renamed');
    const stored = JSON.parse(
      await readFile(join(dataDir, 'runs', `${runId}.json`), 'utf8'),
    );
    expect(stored.summary.name).toBe('renamed');

    unwrap(await service.deleteRun({ runId }));
    expect(unwrap(await service.listRuns())).toEqual([]);
    expect(await readdir(join(dataDir, 'runs'))).toEqual([]);
    const again = await service.deleteRun({ runId });
    expect(again).toEqual({ ok: false, error: `runId: no run "${runId}"` });
    expect(
      await service.renameRun({ runId: '../evil', name: 'x' }),
    ).toMatchObject({ ok: false });
  });

  it('fails a run whose trainer is killed while another run completes', async () => {
    const handles: TrainerHandle[] = [];
    const service = createService(recordingLauncher(handles));

    const slow = unwrap(
      await service.startRun({ experiment: slowExperiment() }),
    );
    await nextEvent(
      service,
      (e) => e.runId === slow.runId && e.type === 'started',
    );
    const quickDone = nextEvent(service, (e) => e.type === 'done');
    const quick = unwrap(
      await service.startRun({ experiment: quickExperiment(20) }),
    );

    const failed = nextEvent(
      service,
      (e) => e.runId === slow.runId && e.type === 'error',
    );
    handles[0].kill();
    const error = await failed;
    expect(error.type === 'error' && error.message).toMatch(/killed/);
    const done = await quickDone;
    expect(done.runId).toBe(quick.runId);

    const runs = unwrap(await service.listRuns());
    expect(runs.find((r) => r.id === slow.runId)?.status).toBe('failed');
    expect(runs.find((r) => r.id === quick.runId)?.status).toBe('completed');

    const afterwards = nextEvent(service, (e) => e.type === 'done');
    unwrap(await service.startRun({ experiment: quickExperiment(3) }));
    expect((await afterwards).type).toBe('done');
  });

  it('pauses, resumes and stops a run through its trainer', async () => {
    const service = createService();
    const { runId } = unwrap(
      await service.startRun({ experiment: slowExperiment() }),
    );
    await nextEvent(service, (e) => e.type === 'started');

    const paused = nextEvent(service, (e) => e.type === 'state');
    unwrap(await service.pauseRun({ runId }));
    expect(await paused).toMatchObject({ state: 'paused', runId });
    expect(unwrap(await service.listRuns())[0].status).toBe('paused');

    const resumed = nextEvent(service, (e) => e.type === 'state');
    unwrap(await service.resumeRun({ runId }));
    expect(await resumed).toMatchObject({ state: 'running', runId });

    const done = nextEvent(service, (e) => e.type === 'done');
    unwrap(await service.stopRun({ runId }));
    expect(await done).toMatchObject({ reason: 'stopped', runId });
    const afterStop = await service.pauseRun({ runId });
    expect(afterStop.ok).toBe(false);
  });
});

describe('LabService files', () => {
  it('writes a model atomically, leaving no temporary file', async () => {
    const service = createService();
    const { model } = await trainedModel(service);
    const folder = join(dataDir, 'models');
    await mkdir(folder);
    const path = join(folder, 'model.json');

    unwrap(await service.writeModel(path, model));
    expect(await readdir(folder)).toEqual(['model.json']);
    const read = unwrap(await service.readModel(path));
    expect(read.name).toBe('model.json');
    expect(read.model).toEqual(model);
  });

  it('reports a write it cannot make, naming the file', async () => {
    const service = createService();
    const path = join(dataDir, 'absent-folder', 'history.csv');
    const result = await service.writeText(path, 'epoch\n1\n');
    expect(result).toEqual({
      ok: false,
      error: `${path}: no such file or folder`,
    });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a corrupt model file, naming the field', async () => {
    const service = createService();
    const { model } = await trainedModel(service);
    const path = join(dataDir, 'corrupt.json');
    const broken = structuredClone(model) as unknown as {
      network: { layers: { bias: unknown[] }[] };
    };
    broken.network.layers[0].bias[0] = 'x';
    await writeFile(path, JSON.stringify(broken));

    const result = await service.readModel(path);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^corrupt\.json: network\.layers\.0\.bias\.0: /,
    );
    const missing = await service.readModel(join(dataDir, 'absent.json'));
    expect(missing.ok).toBe(false);
  });

  it('imports CSV text by storing it under the data folder', async () => {
    const service = createService();
    const text = 'a,b,kind\n1,2,x\n3,4,y\n5,6,x\n';
    const imported = unwrap(
      await service.importCsv({ source: { name: 'my data.csv', text } }),
    );
    expect(imported.recipe.labelColumn).toBe('kind');
    expect(imported.recipe.path).toMatch(
      /datasets\/my-data-[0-9a-f]{12}\.csv$/,
    );
    expect(await readFile(imported.recipe.path, 'utf8')).toBe(text);
    expect(imported.rows).toBe(3);
    expect(imported.featureNames).toEqual(['a', 'b']);
    expect(imported.preview.X).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);

    const bad = await service.importCsv({
      source: { name: 'bad.csv', text: 'a,kind\n1,x\nzz,y\n' },
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/line 3/);
  });

  it('writes PNG data URLs and refuses anything else', async () => {
    const service = createService();
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2,
    ]);
    const path = join(dataDir, 'chart.png');
    unwrap(
      await service.writePng(
        path,
        `data:image/png;base64,${png.toString('base64')}`,
      ),
    );
    expect(await readFile(path)).toEqual(png);
    const notPng = await service.writePng(
      path,
      'data:image/png;base64,aGVsbG8=',
    );
    expect(notPng).toEqual({ ok: false, error: 'dataUrl: is not a PNG image' });
  });
});
