import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EventChannels,
  InvokeChannels,
} from '../../src-shared/ipc-channels.ts';
import type { LabApi, MenuAction, RunEvent } from '../../src-shared/lab-api.ts';

// The bridge between the sandboxed renderer and the main process: one fixed
// function per LabApi method on `window.lab`. The renderer never sees
// ipcRenderer, so it can reach no channel but these.

/** Listens on `channel` until the returned function is called. */
function subscribe<T>(channel: string, listener: (value: T) => void) {
  const handler = (_event: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

/** The LabApi that the preload exposes as `window.lab`. */
export const api: LabApi = {
  startRun: (req) => ipcRenderer.invoke(InvokeChannels.startRun, req),
  pauseRun: (req) => ipcRenderer.invoke(InvokeChannels.pauseRun, req),
  resumeRun: (req) => ipcRenderer.invoke(InvokeChannels.resumeRun, req),
  stopRun: (req) => ipcRenderer.invoke(InvokeChannels.stopRun, req),
  onRunEvent: (listener) =>
    subscribe<RunEvent>(EventChannels.runEvent, listener),

  listRuns: () => ipcRenderer.invoke(InvokeChannels.listRuns),
  renameRun: (req) => ipcRenderer.invoke(InvokeChannels.renameRun, req),
  deleteRun: (req) => ipcRenderer.invoke(InvokeChannels.deleteRun, req),
  getRunModel: (req) => ipcRenderer.invoke(InvokeChannels.getRunModel, req),

  saveModel: (req) => ipcRenderer.invoke(InvokeChannels.saveModel, req),
  openModel: () => ipcRenderer.invoke(InvokeChannels.openModel),
  chooseCsv: () => ipcRenderer.invoke(InvokeChannels.chooseCsv),
  importCsv: (req) => ipcRenderer.invoke(InvokeChannels.importCsv, req),
  exportHistory: (req) => ipcRenderer.invoke(InvokeChannels.exportHistory, req),
  exportPng: (req) => ipcRenderer.invoke(InvokeChannels.exportPng, req),

  setDirty: (req) => ipcRenderer.invoke(InvokeChannels.setDirty, req),
  onMenu: (listener) => subscribe<MenuAction>(EventChannels.menu, listener),
};

contextBridge.exposeInMainWorld('lab', api);
