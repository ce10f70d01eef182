import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { smallModel } from '../src-main/server/test-payloads.ts';
import { launchLab } from './harness/electron.ts';

// The desktop app through Playwright's Electron driver. Skipped, with the
// reason printed, where no Electron binary is installed.

test.describe('desktop app', () => {
  test('exposes window.lab and nothing of Node to the page', async () => {
    const lab = await launchLab();
    try {
      await expect(lab.window).toHaveTitle(/MLP Lab/);
      const shape = await lab.window.evaluate(() => {
        const scope = window as unknown as Record<string, unknown>;
        return {
          lab: Object.keys(window.lab ?? {}).sort(),
          require: typeof scope.require,
          process: typeof scope.process,
          ipc: typeof scope.ipcRenderer,
        };
      });
      expect(shape.lab).toContain('startRun');
      expect(shape.lab).toContain('onRunEvent');
      expect(shape).toMatchObject({
        require: 'undefined',
        process: 'undefined',
        ipc: 'undefined',
      });

      const listed = await lab.window.evaluate(() => window.lab!.listRuns());
      expect(listed).toEqual({ ok: true, value: [] });
    } finally {
      await lab.close();
    }
  });

  test('saves a model where the (stubbed) save dialog points', async () => {
    const lab = await launchLab();
    try {
      const target = join(lab.dataDir, 'saved.json');
      await lab.app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({
          canceled: false,
          filePath,
        })) as typeof dialog.showSaveDialog;
      }, target);

      const saved = await lab.window.evaluate(
        (model) => window.lab!.saveModel({ model, suggestedName: 'moons' }),
        smallModel(),
      );

      expect(saved).toEqual({ ok: true, value: { name: 'saved.json' } });
      expect(JSON.parse(await readFile(target, 'utf8'))).toEqual(smallModel());
    } finally {
      await lab.close();
    }
  });
});
