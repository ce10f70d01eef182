import type { LabApi, Result } from '../../../src-shared/lab-api.ts';

/**
 * A LabApi for when no lab service can be reached: every request resolves to
 * an error that says why, so the interface keeps working for local things.
 */
export function unavailableLab(reason: string): LabApi {
  const error =
    `The lab service is not reachable (${reason}). Training, runs and ` +
    'files are unavailable; data preview and the step inspector still work.';
  const fail = async <T>(): Promise<Result<T>> => ({ ok: false, error });
  return {
    startRun: fail,
    pauseRun: fail,
    resumeRun: fail,
    stopRun: fail,
    onRunEvent: () => () => {},
    listRuns: fail,
    renameRun: fail,
    deleteRun: fail,
    getRunModel: fail,
    saveModel: fail,
    openModel: fail,
    chooseCsv: fail,
    importCsv: fail,
    exportHistory: fail,
    exportPng: fail,
    setDirty: fail,
    onMenu: () => () => {},
  };
}
