import type { LabApi } from './lab-api.ts';

// Every IPC channel between the Electron main process and the preload,
// named once. The preload and the main-side handlers both read this table.

/** LabApi methods that the main process answers (all but subscriptions). */
export type InvokeMethod = Exclude<keyof LabApi, 'onRunEvent' | 'onMenu'>;

/** Channel name for each request/response method of LabApi. */
export const InvokeChannels = {
  startRun: 'lab:start-run',
  pauseRun: 'lab:pause-run',
  resumeRun: 'lab:resume-run',
  stopRun: 'lab:stop-run',
  listRuns: 'lab:list-runs',
  renameRun: 'lab:rename-run',
  deleteRun: 'lab:delete-run',
  getRunModel: 'lab:get-run-model',
  saveModel: 'lab:save-model',
  openModel: 'lab:open-model',
  chooseCsv: 'lab:choose-csv',
  importCsv: 'lab:import-csv',
  exportHistory: 'lab:export-history',
  exportPng: 'lab:export-png',
  setDirty: 'lab:set-dirty',
} as const satisfies Record<InvokeMethod, string>;

/** Channels the main process pushes on: run events and menu commands. */
export const EventChannels = {
  runEvent: 'lab:run-event',
  menu: 'lab:menu',
} as const;
