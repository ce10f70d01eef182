import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures.ts';
import { choosePreset, keepScreenshot } from './harness/lab-helpers.ts';

// Settings that cannot train are reported next to their field, and Start
// stays disabled until every one is fixed.

/** Expects the field at `path` to be marked invalid with `message`. */
async function expectFieldError(
  page: Page,
  path: string,
  message: RegExp,
): Promise<void> {
  await expect(page.getByTestId(`field-error-${path}`)).toHaveText(message);
  await expect(page.getByTestId(`field-${path}`)).toHaveAttribute(
    'aria-invalid',
    'true',
  );
}

/** Expects the field at `path` to carry no error. */
async function expectFieldValid(page: Page, path: string): Promise<void> {
  await expect(page.getByTestId(`field-error-${path}`)).toHaveCount(0);
  await expect(page.getByTestId(`field-${path}`)).not.toHaveAttribute(
    'aria-invalid',
    'true',
  );
}

test.describe('settings validation', () => {
  test.beforeEach(async ({ labPage: page }) => {
    await choosePreset(page, 'exercise-2');
    await expect(page.getByTestId('start')).toBeEnabled();
  });

  test('a layer of 0 units blocks Start until it has units again', async ({
    labPage: page,
  }, testInfo) => {
    const path = 'network.hidden.0.units';
    await page.getByTestId(`field-${path}`).fill('0');
    await expectFieldError(page, path, /at least 1/);
    await expect(page.getByTestId('start')).toBeDisabled();
    await expect(page.getByTestId('form-problems')).toContainText(path);
    await keepScreenshot(page, testInfo, 'zero-units');

    await page.getByTestId(`field-${path}`).fill('4');
    await expectFieldValid(page, path);
    await expect(page.getByTestId('form-problems')).toHaveCount(0);
    await expect(page.getByTestId('start')).toBeEnabled();
    await expect(page.getByTestId('network-shape')).toContainText('4');
  });

  test('a negative learning rate blocks Start until it is positive', async ({
    labPage: page,
  }, testInfo) => {
    const path = 'training.learningRate';
    await page.getByTestId(`field-${path}`).fill('-0.1');
    await expectFieldError(page, path, /greater than 0|positive/);
    await expect(page.getByTestId('start')).toBeDisabled();
    await keepScreenshot(page, testInfo, 'negative-learning-rate');

    await page.getByTestId(`field-${path}`).fill('');
    await expectFieldError(page, path, /.+/);
    await expect(page.getByTestId('start')).toBeDisabled();

    await page.getByTestId(`field-${path}`).fill('0.5');
    await expectFieldValid(page, path);
    await expect(page.getByTestId('start')).toBeEnabled();
  });

  test('more informative features than features blocks Start', async ({
    labPage: page,
  }, testInfo) => {
    await page.getByTestId('class-toggle-1').click();
    const informative = 'dataset.classes.1.nInformative';
    const features = 'dataset.classes.1.nFeatures';
    await page.getByTestId(`field-${informative}`).fill('3');
    await expectFieldError(page, features, /informative.*\(3\)/);
    await expect(page.getByTestId('class-toggle-1')).toContainText(
      'needs fixing',
    );
    await expect(page.getByTestId('preview-error')).toContainText(features);
    await expect(page.getByTestId('start')).toBeDisabled();
    await keepScreenshot(page, testInfo, 'informative-over-features');

    await page.getByTestId(`field-${informative}`).fill('2');
    await expectFieldValid(page, features);
    await expect(page.getByTestId('scatter-plot')).toBeVisible();
    await expect(page.getByTestId('start')).toBeEnabled();
  });

  test('more clusters than hypercube corners blocks Start', async ({
    labPage: page,
  }, testInfo) => {
    await page.getByTestId('source-makeClassification').check();
    await expect(page.getByTestId('start')).toBeEnabled();
    await page.getByTestId('field-dataset.nClasses').fill('4');
    await page.getByTestId('field-dataset.nClustersPerClass').fill('2');
    await expectFieldError(
      page,
      'dataset.nInformative',
      /8 clusters.*4 corners/,
    );
    await expect(page.getByTestId('start')).toBeDisabled();
    await keepScreenshot(page, testInfo, 'hypercube-too-small');

    // Three informative dimensions have eight corners: enough.
    await page.getByTestId('field-dataset.nFeatures').fill('3');
    await page.getByTestId('field-dataset.nInformative').fill('3');
    await expectFieldValid(page, 'dataset.nInformative');
    await expect(page.getByTestId('data-summary')).toContainText('4 classes');
    await expect(page.getByTestId('start')).toBeEnabled();
  });
});
