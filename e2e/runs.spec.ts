import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness/fixtures.ts';
import {
  choosePreset,
  keepScreenshot,
  runToEnd,
} from './harness/lab-helpers.ts';

// Kept runs live in the server's data folder: they survive a reload and can
// be renamed and deleted from the Runs tab.

/** The Runs tab's entry whose text contains `name`. */
function runEntry(page: Page, name: string): Locator {
  return page
    .getByTestId('runs-list')
    .locator('li[data-testid^="run-"]')
    .filter({ hasText: name });
}

/** The run id behind an entry of the list. */
async function runId(entry: Locator): Promise<string> {
  const testId = await entry.getAttribute('data-testid');
  return (testId ?? '').replace(/^run-/, '');
}

/** Trains a short exercise 2 run called `name`. */
async function trainNamed(page: Page, name: string, epochs: number) {
  await choosePreset(page, 'exercise-2');
  await page.getByTestId('field-training.epochs').fill(String(epochs));
  await page.getByTestId('run-name').fill(name);
  await runToEnd(page);
  await expect(page.getByTestId('epoch-readout')).toHaveText(String(epochs));
}

test.describe('kept runs', () => {
  test('survive a reload, take a new name and can be deleted', async ({
    labPage: page,
    pageErrors,
  }, testInfo) => {
    // Repeats of a test share the spec file's server and its kept runs.
    const tag = ` #${testInfo.repeatEachIndex}`;
    await trainNamed(page, `short run${tag}`, 12);
    await trainNamed(page, `longer run${tag}`, 30);

    await page.reload();
    await page.getByTestId('tab-runs').click();
    const short = runEntry(page, `short run${tag}`);
    const longer = runEntry(page, `longer run${tag}`);
    await expect(short).toContainText('12 ep');
    await expect(longer).toContainText('30 ep');
    await keepScreenshot(page, testInfo, 'runs-after-reload');

    const id = await runId(short);
    await page.getByTestId(`run-rename-${id}`).click();
    await page.getByTestId('run-rename-input').fill(`renamed run${tag}`);
    await page.getByTestId('run-rename-input').press('Enter');
    await expect(page.getByTestId(`run-${id}`)).toContainText(
      `renamed run${tag}`,
    );

    await page.reload();
    await page.getByTestId('tab-runs').click();
    await expect(page.getByTestId(`run-${id}`)).toContainText(
      `renamed run${tag}`,
    );
    await expect(runEntry(page, `short run${tag}`)).toHaveCount(0);

    // Opening a kept run shows its model with its own history.
    await page.getByTestId(`run-open-${id}`).click();
    await expect(page.getByTestId('epoch-readout')).toHaveText('12');
    await expect(page.getByTestId('loss-chart')).toHaveAttribute(
      'data-epochs',
      '12',
    );

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('tab-runs').click();
    await page.getByTestId(`run-delete-${id}`).click();
    await expect(page.getByTestId(`run-${id}`)).toHaveCount(0);
    await expect(longer).toBeVisible();

    await page.reload();
    await page.getByTestId('tab-runs').click();
    await expect(longer).toBeVisible();
    await expect(page.getByTestId(`run-${id}`)).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'runs-after-delete');
    expect(pageErrors).toEqual([]);
  });

  test('keeps a run whose deletion was cancelled', async ({
    labPage: page,
  }, testInfo) => {
    const name = `kept run #${testInfo.repeatEachIndex}`;
    await trainNamed(page, name, 8);
    await page.getByTestId('tab-runs').click();
    const entry = runEntry(page, name);
    const id = await runId(entry);

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByTestId(`run-delete-${id}`).click();
    await page.reload();
    await page.getByTestId('tab-runs').click();
    await expect(page.getByTestId(`run-${id}`)).toContainText(name);
  });
});
