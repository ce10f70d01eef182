import type { LabApi } from '../../../src-shared/lab-api.ts';
import { createBrowserLab } from './browser-lab.ts';
import { unavailableLab } from './unavailable-lab.ts';

/** Builds the browser-mode API, or one that explains why there is none. */
function connect(): LabApi {
  try {
    return createBrowserLab();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return unavailableLab(reason);
  }
}

/** The one object the interface talks to: the preload's, else a socket. */
export const lab: LabApi = window.lab ?? connect();
