import { expect, test } from './harness/fixtures.ts';
import {
  choosePreset,
  dataValue,
  epochShown,
  keepScreenshot,
  runToEnd,
} from './harness/lab-helpers.ts';

// Training from the page: a course exercise runs to its end with its curves
// drawn, and a run can be paused, resumed and stopped on the way.

test.describe('training', () => {
  test('trains exercise 2 to at least 85 % test accuracy over 900 epochs', async ({
    labPage: page,
    pageErrors,
  }, testInfo) => {
    await choosePreset(page, 'exercise-2');
    await expect(page.getByTestId('field-training.epochs')).toHaveValue('900');
    await expect(page.getByTestId('scatter-plot')).toBeVisible();
    await keepScreenshot(page, testInfo, 'exercise-2-ready');

    await runToEnd(page);

    await expect(page.getByTestId('epoch-readout')).toHaveText('900');
    expect(
      await dataValue(page.getByTestId('test-accuracy')),
    ).toBeGreaterThanOrEqual(0.85);
    await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d\d %$/);
    await expect(page.getByTestId('train-loss')).toHaveText(/\d/);
    await expect(page.getByTestId('test-loss')).toHaveText(/\d/);

    for (const metric of ['loss', 'accuracy']) {
      const chart = page.getByTestId(`${metric}-chart`);
      await expect(chart).toBeVisible();
      await expect(chart).toHaveAttribute('data-epochs', '900');
    }
    await expect(page.getByTestId('decision-boundary')).toBeVisible();
    await page.getByTestId('tab-evaluation').click();
    expect(
      await dataValue(page.getByTestId('evaluation-accuracy')),
    ).toBeGreaterThanOrEqual(0.85);

    await keepScreenshot(page, testInfo, 'exercise-2-trained');
    expect(pageErrors).toEqual([]);
  });

  test('pauses, resumes and stops a run', async ({
    labPage: page,
    pageErrors,
  }, testInfo) => {
    await choosePreset(page, 'exercise-3');
    await page.getByTestId('start').click();
    await expect.poll(() => epochShown(page)).toBeGreaterThan(5);

    await page.getByTestId('pause').click();
    await expect(page.getByTestId('status-readout')).toHaveText('paused');
    await expect(page.getByTestId('resume')).toBeVisible();
    // A batch in flight may land after the pause; then nothing moves.
    await page.waitForTimeout(300);
    const paused = await epochShown(page);
    await page.waitForTimeout(1000);
    expect(await epochShown(page)).toBe(paused);
    await keepScreenshot(page, testInfo, 'paused');

    await page.getByTestId('resume').click();
    await expect(page.getByTestId('status-readout')).toHaveText('running');
    await expect.poll(() => epochShown(page)).toBeGreaterThan(paused + 3);

    await page.getByTestId('stop').click();
    await expect(page.getByTestId('status-readout')).toHaveText(
      'done (stopped)',
    );
    const stopped = await epochShown(page);
    expect(stopped).toBeLessThan(900);
    await expect(page.getByTestId('loss-chart')).toHaveAttribute(
      'data-epochs',
      String(stopped),
    );
    await expect(page.getByTestId('start')).toBeEnabled();
    await expect(page.getByTestId('save-model')).toBeEnabled();
    await keepScreenshot(page, testInfo, 'stopped');
    expect(pageErrors).toEqual([]);
  });
});
