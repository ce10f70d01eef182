import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures.ts';
import {
  choosePreset,
  dataValue,
  keepScreenshot,
  runToEnd,
} from './harness/lab-helpers.ts';

// Model files in browser mode: saving downloads one, opening reads one with
// the browser's file picker; a broken file is explained, never fatal.

/** What the page shows about the model on screen. */
interface Shown {
  epoch: string;
  trainLoss: string;
  testLoss: string;
  trainAccuracy: number;
  testAccuracy: number;
  evaluationAccuracy: number;
  confusion: string[][];
  plotted: string | null;
}

/** Reads the readouts, the evaluation and the confusion matrix. */
async function readShown(page: Page, classes: number): Promise<Shown> {
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  const confusion: string[][] = [];
  for (let r = 0; r < classes; r++) {
    const row: string[] = [];
    for (let c = 0; c < classes; c++) {
      row.push(await page.getByTestId(`confusion-${r}-${c}`).innerText());
    }
    confusion.push(row);
  }
  return {
    epoch: await page.getByTestId('epoch-readout').innerText(),
    trainLoss: await page.getByTestId('train-loss').innerText(),
    testLoss: await page.getByTestId('test-loss').innerText(),
    trainAccuracy: await dataValue(page.getByTestId('train-accuracy')),
    testAccuracy: await dataValue(page.getByTestId('test-accuracy')),
    evaluationAccuracy: await dataValue(
      page.getByTestId('evaluation-accuracy'),
    ),
    confusion,
    plotted: await page.getByTestId('loss-chart').getAttribute('data-epochs'),
  };
}

/** Opens `file` through the header's Open button and the file picker. */
async function openModelFile(
  page: Page,
  file: { name: string; buffer: Buffer },
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-model').click();
  await (await chooser).setFiles({ ...file, mimeType: 'application/json' });
}

test.describe('model files', () => {
  test('a saved model opens in a fresh page with the same predictions and history', async ({
    labPage: page,
    labServer,
    browser,
    pageErrors,
  }, testInfo) => {
    await choosePreset(page, 'exercise-2');
    await page.getByTestId('field-training.epochs').fill('200');
    await runToEnd(page);
    const before = await readShown(page, 2);
    expect(before.epoch).toBe('200');

    const download = page.waitForEvent('download');
    await page.getByTestId('save-model').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/\.json$/);
    const text = await readFile(await saved.path());
    const model = JSON.parse(text.toString('utf8'));
    expect(model.format).toBe('mlp-lab/model');
    expect(model.epochsDone).toBe(200);
    expect(model.history.trainLoss).toHaveLength(200);
    await expect(page.getByTestId('save-model')).toHaveText('Save model');

    // A new context shares nothing with the first page but the server.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(labServer.url);
    await openModelFile(fresh, {
      name: saved.suggestedFilename(),
      buffer: text,
    });
    await expect(fresh.getByTestId('status-readout')).toHaveText('done');
    const after = await readShown(fresh, 2);
    expect(after).toEqual(before);
    await expect(fresh.getByTestId('field-training.epochs')).toHaveValue('200');
    await expect(fresh.getByTestId('loss-chart')).toBeVisible();
    await keepScreenshot(fresh, testInfo, 'opened-model');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  test('explains a file that is not JSON and keeps working', async ({
    labPage: page,
  }, testInfo) => {
    await openModelFile(page, {
      name: 'broken.model.json',
      buffer: Buffer.from('{"format": "mlp-lab/model", '),
    });
    const alert = page.getByTestId('alert-text').last();
    await expect(alert).toContainText('broken.model.json');
    await expect(alert).toContainText('not valid JSON');
    await expect(alert).not.toContainText(/\bat .*\.(js|ts):\d+/);
    await keepScreenshot(page, testInfo, 'invalid-json');

    await choosePreset(page, 'exercise-2');
    await page.getByTestId('field-training.epochs').fill('20');
    await runToEnd(page);
    await expect(page.getByTestId('epoch-readout')).toHaveText('20');
  });

  test('names the field of a weight row with the wrong length', async ({
    labPage: page,
  }, testInfo) => {
    await choosePreset(page, 'exercise-2');
    await page.getByTestId('field-training.epochs').fill('10');
    await runToEnd(page);
    const download = page.waitForEvent('download');
    await page.getByTestId('save-model').click();
    const model = JSON.parse(
      (await readFile(await (await download).path())).toString('utf8'),
    );
    const accuracy = await dataValue(page.getByTestId('test-accuracy'));

    model.network.layers[1].weights[3] = [0.5, 0.25];
    await openModelFile(page, {
      name: 'wrong-row.model.json',
      buffer: Buffer.from(JSON.stringify(model)),
    });
    const alert = page.getByTestId('alert-text').last();
    await expect(alert).toContainText('wrong-row.model.json');
    await expect(alert).toContainText('network.layers.1.weights.3');
    await keepScreenshot(page, testInfo, 'wrong-weight-row');

    // The model on screen is untouched, and the lab still trains.
    expect(await dataValue(page.getByTestId('test-accuracy'))).toBe(accuracy);
    await page.getByTestId('field-training.epochs').fill('15');
    await runToEnd(page);
    await expect(page.getByTestId('epoch-readout')).toHaveText('15');
  });
});
