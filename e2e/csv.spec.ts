import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures.ts';
import {
  fixturePath,
  keepScreenshot,
  runToEnd,
} from './harness/lab-helpers.ts';

// A CSV file chosen with the browser's file picker: a good one is
// summarised and trains; a bad one is refused with the line at fault.

/** Switches to CSV data and picks `name` from e2e/fixtures. */
async function chooseCsv(page: Page, name: string): Promise<void> {
  await page.getByTestId('source-csv').check();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('csv-choose').click();
  await (await chooser).setFiles(fixturePath(name));
}

test.describe('CSV import', () => {
  test('imports a small CSV with string labels and trains on it', async ({
    labPage: page,
    pageErrors,
  }, testInfo) => {
    await chooseCsv(page, 'two-colours.csv');

    const summary = page.getByTestId('csv-summary');
    await expect(summary).toContainText('60 rows');
    await expect(summary).toContainText('3 columns');
    await expect(summary).toContainText('2 classes');
    await expect(summary).toContainText(/blue|red/);
    await expect(page.getByTestId('csv-label')).toHaveValue('colour');
    await expect(page.getByTestId('csv-feature-width')).toBeChecked();
    await expect(page.getByTestId('csv-feature-height')).toBeChecked();
    await expect(page.getByTestId('data-summary')).toContainText(
      '60 samples · 2 features · 2 classes',
    );
    await expect(page.getByTestId('scatter-plot')).toBeVisible();
    await keepScreenshot(page, testInfo, 'csv-imported');

    await page.getByTestId('field-training.epochs').fill('5');
    await runToEnd(page);
    await expect(page.getByTestId('epoch-readout')).toHaveText('5');
    await expect(page.getByTestId('test-accuracy')).toHaveText(/ %$/);
    await expect(page.getByTestId('loss-chart')).toHaveAttribute(
      'data-epochs',
      '5',
    );
    await page.getByTestId('tab-evaluation').click();
    await expect(page.getByTestId('confusion-matrix')).toContainText('blue');
    await keepScreenshot(page, testInfo, 'csv-trained');
    expect(pageErrors).toEqual([]);
  });

  test('refuses a non-numeric cell and names its line', async ({
    labPage: page,
  }, testInfo) => {
    await chooseCsv(page, 'bad-cell.csv');

    const alert = page.getByTestId('alert-text').last();
    await expect(alert).toContainText('line 8');
    await expect(alert).toContainText('"height"');
    await expect(alert).toContainText('"tall"');
    await expect(page.getByTestId('csv-summary')).toHaveCount(0);
    await expect(page.getByTestId('start')).toBeDisabled();
    await keepScreenshot(page, testInfo, 'csv-refused');

    // The lab is still usable: a good file after the bad one imports.
    await chooseCsv(page, 'two-colours.csv');
    await expect(page.getByTestId('csv-summary')).toContainText('60 rows');
    await expect(page.getByTestId('start')).toBeEnabled();
  });
});
