import type { LabApi } from '../../src-shared/lab-api.ts';

declare global {
  interface Window {
    /** The preload's API under Electron; absent in browser mode. */
    lab?: LabApi;
    /** Frame-to-frame times in milliseconds, recorded with `?perf=1`. */
    __frameTimes?: number[];
  }
}

export {};
