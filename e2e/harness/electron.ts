import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  _electron,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { findElectronBinary } from '../../scripts/find-electron.mjs';

// Launching the desktop app for Electron specs. Where Electron's binary is
// absent (it is downloaded from GitHub when the package installs), the
// calling test is skipped with the reason printed.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running desktop app with its own data folder. */
export interface LaunchedLab {
  app: ElectronApplication;
  /** The main window. */
  window: Page;
  dataDir: string;
  close(): Promise<void>;
}

/** Launches the built app, or skips the current test with the reason. */
export async function launchLab(): Promise<LaunchedLab> {
  const found = findElectronBinary();
  if ('reason' in found) {
    const message = `Electron binary not present: ${found.reason}`;
    console.log(`e2e: skipping, ${message}`);
    test.skip(true, message);
    throw new Error(message);
  }
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    throw new Error('out/main/index.js is missing: run npm run build first');
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'mlp-lab-electron-'));
  const asRoot = process.getuid?.() === 0;
  const app = await _electron.launch({
    executablePath: found.binary,
    // Chromium refuses to run as root with its OS sandbox on.
    args: [...(asRoot ? ['--no-sandbox'] : []), root],
    env: { ...process.env, MLP_LAB_DATA_DIR: dataDir },
  });
  const window = await app.firstWindow();
  return {
    app,
    window,
    dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
