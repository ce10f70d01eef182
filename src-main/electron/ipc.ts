import { basename } from 'node:path';
import type { IpcMain } from 'electron';
import {
  InvokeChannels,
  type InvokeMethod,
} from '../../src-shared/ipc-channels.ts';
import { Requests, type Result } from '../../src-shared/lab-api.ts';
import type { ModelFile } from '../../src-shared/model-schema.ts';
import {
  csvPathsOf,
  isInside,
  serviceMethods,
  withoutPayload,
  withSchema,
  type Handler,
  type LabServiceLike,
  type Log,
} from '../server/lab-methods.ts';

// The main-process side of LabApi. The handlers are plain functions of
// (event, payload) so that tests can call them without Electron; the thin
// `registerIpcHandlers` below is all that touches ipcMain.

/** What a save dialog reports back. */
export interface SaveDialogChoice {
  canceled: boolean;
  filePath?: string;
}

/** What an open dialog reports back. */
export interface OpenDialogChoice {
  canceled: boolean;
  filePaths: string[];
}

/** A file-type filter for a dialog. */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** The file dialogs the handlers need, looked up when a handler runs. */
export interface Dialogs {
  /** Asks where to write a file. */
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: DialogFilter[];
  }): Promise<SaveDialogChoice>;
  /** Asks for one file to read. */
  showOpenDialog(options: {
    title: string;
    filters: DialogFilter[];
    properties: Array<'openFile'>;
  }): Promise<OpenDialogChoice>;
}

/** The parts of an IPC event that identify who sent it. */
export interface IpcSender {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/** A main-side LabApi handler: never throws, always a Result. */
export type IpcHandler = (
  event: IpcSender,
  payload: unknown,
) => Promise<Result<unknown>>;

/** What the IPC handlers are built from. */
export interface IpcDeps {
  service: LabServiceLike;
  dialogs: Dialogs;
  /** True only for our own window's main frame showing the app. */
  isTrustedSender(event: IpcSender): boolean;
  /** Records whether the renderer holds an unsaved trained model. */
  setDirty(dirty: boolean): void;
  /** Folder of CSVs the lab stored itself; readable without a dialog. */
  importsDir?: string;
  log?: Log;
}

const modelFilters = [{ name: 'MLP Lab model', extensions: ['json'] }];
const csvFilters = [
  { name: 'CSV table', extensions: ['csv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** Turns a renderer-suggested name into a bare file name with `extension`. */
export function safeFileName(
  suggested: string,
  extension: string,
  fallback: string,
): string {
  // Separators and control characters would let a name pick a directory.
  const cleaned = suggested
    .split(/[\\/:*?"<>|\u0000-\u001f\u007f]+/)
    .map((part) => part.trim())
    .filter((part) => !/^\.*$/.test(part))
    .join(' ')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  const stem = cleaned || fallback;
  return stem.toLowerCase().endsWith(extension) ? stem : stem + extension;
}

/** True when `frameUrl` shows the app loaded from `appUrl`. */
export function isAppUrl(frameUrl: string, appUrl: string): boolean {
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }

  // file: URLs have an opaque origin, so the document itself must match.
  if (app.protocol === 'file:') {
    return frame.protocol === 'file:' && frame.pathname === app.pathname;
  }
  return frame.origin === app.origin;
}

/** A sender check bound to the window whose contents we trust. */
export function createSenderCheck(
  trustedContents: () => unknown,
  appUrl: string,
): (event: IpcSender) => boolean {
  return (event) => {
    const contents = trustedContents();
    const frame = event.senderFrame;
    if (!contents || event.sender !== contents || !frame) return false;

    // Subframes could host other content; only the top frame speaks for us.
    if (frame.parent) return false;
    return isAppUrl(frame.url, appUrl);
  };
}

/** Builds one handler per LabApi channel. */
export function createIpcHandlers(
  deps: IpcDeps,
): Record<InvokeMethod, IpcHandler> {
  const log: Log = deps.log ?? ((line) => console.log(`IPC: ${line}`));
  const { service, dialogs } = deps;

  // Paths the user picked in the CSV dialog: the only ones main will read.
  const chosenCsvPaths = new Set<string>();
  const csvPolicy = {
    check: (path: string) => {
      if (chosenCsvPaths.has(path)) return null;
      if (deps.importsDir && isInside(path, deps.importsDir)) return null;
      return 'choose the file with Import CSV…';
    },
  };

  const allowCsvOf = (model: ModelFile) => {
    for (const { path } of csvPathsOf(model.experiment.dataset, 'dataset')) {
      chosenCsvPaths.add(path);
    }
  };
  const shared = serviceMethods(service, csvPolicy, log);

  const plain: Record<InvokeMethod, Handler> = {
    ...shared,

    // Runs in the lab's own store were started under these same rules.
    getRunModel: async (params) => {
      const found = await shared.getRunModel(params);
      if (found.ok) allowCsvOf(found.value as ModelFile);
      return found;
    },

    saveModel: withSchema('saveModel', Requests.saveModel, log, async (req) => {
      const choice = await dialogs.showSaveDialog({
        title: 'Save model',
        defaultPath: safeFileName(req.suggestedName, '.json', 'model'),
        filters: modelFilters,
      });
      if (choice.canceled || !choice.filePath) return { ok: true, value: null };

      const written = await service.writeModel(choice.filePath, req.model);
      if (!written.ok) return written;
      return { ok: true, value: { name: basename(choice.filePath) } };
    }),

    openModel: withoutPayload<unknown>('openModel', log, async () => {
      const choice = await dialogs.showOpenDialog({
        title: 'Open model',
        filters: modelFilters,
        properties: ['openFile'],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return { ok: true, value: null };
      const read = await service.readModel(path);
      // Opening a model is consent to read the CSV it was trained on.
      if (read.ok) allowCsvOf(read.value.model);
      return read;
    }),

    chooseCsv: withoutPayload<unknown>('chooseCsv', log, async () => {
      const choice = await dialogs.showOpenDialog({
        title: 'Import CSV',
        filters: csvFilters,
        properties: ['openFile'],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return { ok: true, value: null };

      chosenCsvPaths.add(path);
      return { ok: true, value: { path } };
    }),

    exportHistory: withSchema(
      'exportHistory',
      Requests.exportText,
      log,
      async (req) => {
        const choice = await dialogs.showSaveDialog({
          title: 'Export history',
          defaultPath: safeFileName(req.suggestedName, '.csv', 'history'),
          filters: [{ name: 'CSV table', extensions: ['csv'] }],
        });
        if (choice.canceled || !choice.filePath) {
          return { ok: true, value: null };
        }

        const written = await service.writeText(choice.filePath, req.text);
        if (!written.ok) return written;
        return { ok: true, value: { name: basename(choice.filePath) } };
      },
    ),

    exportPng: withSchema('exportPng', Requests.exportPng, log, async (req) => {
      const choice = await dialogs.showSaveDialog({
        title: 'Export chart',
        defaultPath: safeFileName(req.suggestedName, '.png', 'chart'),
        filters: [{ name: 'PNG image', extensions: ['png'] }],
      });
      if (choice.canceled || !choice.filePath) return { ok: true, value: null };

      const written = await service.writePng(choice.filePath, req.dataUrl);
      if (!written.ok) return written;
      return { ok: true, value: { name: basename(choice.filePath) } };
    }),

    setDirty: withSchema('setDirty', Requests.setDirty, log, async (req) => {
      deps.setDirty(req.dirty);
      return { ok: true, value: null };
    }),
  };

  const handlers = {} as Record<InvokeMethod, IpcHandler>;
  for (const method of Object.keys(plain) as InvokeMethod[]) {
    handlers[method] = async (event, payload) => {
      if (!deps.isTrustedSender(event)) {
        log(`refused ${method} from a frame that is not the app's window`);
        return {
          ok: false,
          error: `${method}: refused, the request did not come from the MLP Lab window`,
        };
      }
      return plain[method](payload);
    };
  }
  return handlers;
}

/** Registers the handlers on ipcMain; returns a function removing them. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Record<InvokeMethod, IpcHandler>,
): () => void {
  const methods = Object.keys(InvokeChannels) as InvokeMethod[];
  for (const method of methods) {
    ipcMain.handle(InvokeChannels[method], (event, payload: unknown) =>
      handlers[method](event, payload),
    );
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(InvokeChannels[method]);
  };
}
