import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';

// Small steps the lab specs share: choosing presets, running to the end,
// reading exact figures from `data-value`, keeping screenshots.

/** The repository's root folder. */
export const repoRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);

/** A file under e2e/fixtures. */
export function fixturePath(name: string): string {
  return join(repoRoot, 'e2e', 'fixtures', name);
}

/** Parses a JSON file under test-data. */
export function readTestData<T>(name: string): T {
  return JSON.parse(readFileSync(join(repoRoot, 'test-data', name), 'utf8'));
}

/** Loads the preset called `name` from the header's menu. */
export async function choosePreset(page: Page, name: string): Promise<void> {
  await page.getByTestId('preset-select').selectOption(name);
}

/** Sets a number field, replacing whatever it held. */
export async function setField(
  page: Page,
  path: string,
  value: string,
): Promise<void> {
  await page.getByTestId(`field-${path}`).fill(value);
}

/** The number in `locator`'s data-value attribute. */
export async function dataValue(locator: Locator): Promise<number> {
  const text = await locator.getAttribute('data-value');
  if (text === null || text.trim() === '') {
    throw new Error(`${locator} has no data-value`);
  }
  return Number(text);
}

/** The integer shown by the epoch readout. */
export async function epochShown(page: Page): Promise<number> {
  return Number(await page.getByTestId('epoch-readout').innerText());
}

/** Clicks Start and waits until the run ends with `status`. */
export async function runToEnd(
  page: Page,
  status = 'done (completed)',
  timeout = 90_000,
): Promise<void> {
  await expect(page.getByTestId('start')).toBeEnabled();
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status-readout')).toHaveText(status, {
    timeout,
  });
}

/** Expects `actual` within `relative` of `expected` (absolute near zero). */
export function expectClose(
  actual: number,
  expected: number,
  what: string,
  relative = 1e-12,
): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  const error = Math.abs(actual - expected) / scale;
  expect(
    error,
    `${what}: ${actual} differs from ${expected} (relative ${error})`,
  ).toBeLessThanOrEqual(relative);
}

/** Saves a full-page screenshot among the test's artifacts. */
export async function keepScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
