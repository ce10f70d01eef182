import { describe, expect, it } from 'vitest';
import { InvokeChannels } from '../../src-shared/ipc-channels.ts';
import {
  fakeService,
  smallExperiment,
  smallModel,
} from '../server/test-payloads.ts';
import {
  createIpcHandlers,
  createSenderCheck,
  isAppUrl,
  registerIpcHandlers,
  safeFileName,
  type Dialogs,
  type IpcSender,
} from './ipc.ts';

const appUrl = 'file:///opt/mlp-lab/out/renderer/index.html';
const ourContents = { id: 1 };
const trusted: IpcSender = {
  sender: ourContents,
  senderFrame: { url: appUrl, parent: null },
};

/** Handlers over a fake service whose dialogs answer with `choice`. */
function setup(choice: { save?: string; open?: string } = {}) {
  const fake = fakeService();
  const dialogCalls: string[] = [];
  const dialogs: Dialogs = {
    showSaveDialog: async (options) => {
      dialogCalls.push(`save ${options.defaultPath}`);
      return choice.save
        ? { canceled: false, filePath: choice.save }
        : { canceled: true };
    },
    showOpenDialog: async (options) => {
      dialogCalls.push(`open ${options.title}`);
      return choice.open
        ? { canceled: false, filePaths: [choice.open] }
        : { canceled: true, filePaths: [] };
    },
  };
  let dirty: boolean | null = null;
  const handlers = createIpcHandlers({
    service: fake.service,
    dialogs,
    isTrustedSender: createSenderCheck(() => ourContents, appUrl),
    setDirty: (value) => {
      dirty = value;
    },
    importsDir: '/home/u/.config/mlp-lab/datasets',
    log: () => undefined,
  });
  return { handlers, calls: fake.calls, dialogCalls, dirty: () => dirty };
}

describe('createIpcHandlers', () => {
  it('has one handler per channel', () => {
    const { handlers } = setup();
    expect(Object.keys(handlers).sort()).toEqual(
      Object.keys(InvokeChannels).sort(),
    );
  });

  it('passes a valid startRun request to the service', async () => {
    const { handlers, calls } = setup();
    const request = { experiment: smallExperiment(), name: 'first' };

    const result = await handlers.startRun(trusted, request);

    expect(result).toEqual({ ok: true, value: { runId: 'run-1' } });
    expect(calls).toEqual([{ method: 'startRun', args: [request] }]);
  });

  it('refuses a bad payload, naming the field, without calling the service', async () => {
    const { handlers, calls } = setup();
    const experiment = smallExperiment();
    experiment.training.epochs = 0;

    const bad = await handlers.startRun(trusted, { experiment });
    const badId = await handlers.stopRun(trusted, { runId: '../etc' });
    const extra = await handlers.pauseRun(trusted, { runId: 'a', x: 1 });
    const missing = await handlers.setDirty(trusted, undefined);

    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^experiment\.training\.epochs: /);
    expect(!badId.ok && badId.error).toMatch(/^runId: /);
    expect(!extra.ok && extra.error).toMatch(/^x: /);
    expect(missing.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('refuses a payload on a method that takes none', async () => {
    const { handlers, calls } = setup();
    const result = await handlers.listRuns(trusted, { all: true });
    expect(result).toEqual({
      ok: false,
      error: 'listRuns: takes no parameters',
    });
    expect(calls).toEqual([]);
  });

  it('refuses every channel from a foreign sender', async () => {
    const { handlers, calls, dialogCalls } = setup({ open: '/x.csv' });
    const foreign: IpcSender[] = [
      { sender: { id: 2 }, senderFrame: { url: appUrl, parent: null } },
      { sender: ourContents, senderFrame: null },
      {
        sender: ourContents,
        senderFrame: { url: 'https://evil.example/', parent: null },
      },
      {
        sender: ourContents,
        senderFrame: { url: appUrl, parent: { url: appUrl } },
      },
    ];

    for (const event of foreign) {
      const results = await Promise.all([
        handlers.listRuns(event, undefined),
        handlers.chooseCsv(event, undefined),
        handlers.setDirty(event, { dirty: true }),
      ]);
      for (const result of results) {
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error).toMatch(/refused/);
      }
    }
    expect(calls).toEqual([]);
    expect(dialogCalls).toEqual([]);
  });

  it('turns a throwing service into an error result', async () => {
    const { handlers } = setup();
    const fake = fakeService();
    fake.service.listRuns = async () => {
      throw new Error('disk on fire');
    };
    const broken = createIpcHandlers({
      service: fake.service,
      dialogs: {} as Dialogs,
      isTrustedSender: () => true,
      setDirty: () => undefined,
      log: () => undefined,
    });

    expect(await broken.listRuns(trusted, undefined)).toEqual({
      ok: false,
      error: 'listRuns: disk on fire',
    });
    expect((await handlers.listRuns(trusted, undefined)).ok).toBe(true);
  });

  it('saves a model where the dialog says, with a safe suggested name', async () => {
    const { handlers, calls, dialogCalls } = setup({ save: '/tmp/m.json' });
    const model = smallModel();

    const result = await handlers.saveModel(trusted, {
      model,
      suggestedName: '../../moons run',
    });

    expect(result).toEqual({ ok: true, value: { name: 'm.json' } });
    expect(dialogCalls).toEqual(['save moons run.json']);
    expect(calls).toEqual([
      { method: 'writeModel', args: ['/tmp/m.json', model] },
    ]);
  });

  it('answers null when a dialog is cancelled', async () => {
    const { handlers, calls } = setup();
    const model = smallModel();

    expect(
      await handlers.saveModel(trusted, { model, suggestedName: 'm' }),
    ).toEqual({ ok: true, value: null });
    expect(await handlers.openModel(trusted, undefined)).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await handlers.exportPng(trusted, {
        dataUrl: 'data:image/png;base64,AAAA',
        suggestedName: 'chart',
      }),
    ).toEqual({ ok: true, value: null });
    expect(calls).toEqual([]);
  });

  it('opens a model through the service', async () => {
    const { handlers, calls } = setup({ open: '/tmp/m.json' });
    const result = await handlers.openModel(trusted, undefined);
    expect(result).toEqual({
      ok: true,
      value: { model: smallModel(), name: 'm.json' },
    });
    expect(calls).toEqual([{ method: 'readModel', args: ['/tmp/m.json'] }]);
  });

  it('reads a CSV by path only after the user chose it', async () => {
    const { handlers, calls } = setup({ open: '/data/iris.csv' });
    const request = { source: { path: '/data/iris.csv' }, labelColumn: 's' };

    const before = await handlers.importCsv(trusted, request);
    const chosen = await handlers.chooseCsv(trusted, undefined);
    const after = await handlers.importCsv(trusted, request);
    const stored = await handlers.importCsv(trusted, {
      source: { path: '/home/u/.config/mlp-lab/datasets/iris-1.csv' },
    });

    expect(before.ok).toBe(false);
    expect(!before.ok && before.error).toMatch(/^source\.path: /);
    expect(chosen).toEqual({ ok: true, value: { path: '/data/iris.csv' } });
    expect(after.ok).toBe(true);
    expect(stored.ok).toBe(true);
    expect(calls.map((call) => call.method)).toEqual([
      'importCsv',
      'importCsv',
    ]);
  });

  it('starts a CSV run only on a file the user chose', async () => {
    const { handlers, calls } = setup({ open: '/data/iris.csv' });
    const csv = {
      kind: 'csv' as const,
      path: '/data/iris.csv',
      labelColumn: 's',
    };
    const experiment = {
      ...smallExperiment(),
      dataset: { kind: 'perClass' as const, classes: [csv] },
    };

    const before = await handlers.startRun(trusted, { experiment });
    await handlers.chooseCsv(trusted, undefined);
    const after = await handlers.startRun(trusted, { experiment });

    expect(before).toEqual({
      ok: false,
      error:
        'experiment.dataset.classes.0.path: choose the file with Import CSV…',
    });
    expect(after.ok).toBe(true);
    expect(calls.map((call) => call.method)).toEqual(['startRun']);
  });

  it('exports history as text where the dialog says', async () => {
    const { handlers, calls } = setup({ save: '/tmp/h.csv' });
    const result = await handlers.exportHistory(trusted, {
      text: 'epoch,loss\n1,0.5\n',
      suggestedName: 'history',
    });
    expect(result).toEqual({ ok: true, value: { name: 'h.csv' } });
    expect(calls).toEqual([
      { method: 'writeText', args: ['/tmp/h.csv', 'epoch,loss\n1,0.5\n'] },
    ]);
  });

  it('records the unsaved-model flag', async () => {
    const { handlers, dirty } = setup();
    expect(await handlers.setDirty(trusted, { dirty: true })).toEqual({
      ok: true,
      value: null,
    });
    expect(dirty()).toBe(true);
  });
});

describe('isAppUrl', () => {
  it('matches the app file itself, ignoring hash and query', () => {
    expect(isAppUrl(`${appUrl}#/runs`, appUrl)).toBe(true);
    expect(isAppUrl(`${appUrl}?x=1`, appUrl)).toBe(true);
  });

  it('rejects other files, other schemes and garbage', () => {
    expect(isAppUrl('file:///tmp/evil.html', appUrl)).toBe(false);
    expect(
      isAppUrl('https://opt/mlp-lab/out/renderer/index.html', appUrl),
    ).toBe(false);
    expect(isAppUrl('not a url', appUrl)).toBe(false);
  });

  it('matches by origin for the development server', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
  });
});

describe('safeFileName', () => {
  it('keeps a plain name and adds the extension once', () => {
    expect(safeFileName('moons', '.json', 'model')).toBe('moons.json');
    expect(safeFileName('moons.JSON', '.json', 'model')).toBe('moons.JSON');
  });

  it('strips directories, control characters and leading dots', () => {
    expect(safeFileName('..\\..\\a/b:c\u0000d', '.csv', 'x')).toBe(
      'a b c d.csv',
    );
    expect(safeFileName('...', '.png', 'chart')).toBe('chart.png');
  });
});

describe('registerIpcHandlers', () => {
  it('registers every channel and removes them again', async () => {
    const registered = new Map<string, (e: unknown, p: unknown) => unknown>();
    const ipcMain = {
      handle: (channel: string, fn: (e: unknown, p: unknown) => unknown) => {
        registered.set(channel, fn);
      },
      removeHandler: (channel: string) => {
        registered.delete(channel);
      },
    };
    const { handlers } = setup();

    const unregister = registerIpcHandlers(ipcMain as never, handlers);
    const answer = await registered.get(InvokeChannels.listRuns)?.(
      trusted,
      undefined,
    );

    expect([...registered.keys()].sort()).toEqual(
      Object.values(InvokeChannels).sort(),
    );
    expect(answer).toEqual({ ok: true, value: [] });
    unregister();
    expect(registered.size).toBe(0);
  });
});
