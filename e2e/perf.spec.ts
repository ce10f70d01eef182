import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './harness/fixtures.ts';
import {
  choosePreset,
  epochShown,
  keepScreenshot,
  repoRoot,
} from './harness/lab-helpers.ts';

// A measurement, not a pass/fail on speed: how smooth the page stays while
// exercise 3 trains, and how the run's training time compares with the
// CLI's. Both training times are the trainer's own clock (the last entry of
// the run's history.seconds), so they compare like with like; the page's
// wall time adds starting the trainer and building the data set.

const run = promisify(execFile);

/** The q-quantile of `values` (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, rank)];
}

/** The trainer's own training time of each run kept in `dataDir`, oldest first. */
async function trainingSeconds(dataDir: string): Promise<number[]> {
  const folder = join(dataDir, 'runs');
  const runs = await Promise.all(
    (await readdir(folder)).map(async (file) => {
      const stored = JSON.parse(await readFile(join(folder, file), 'utf8'));
      return stored as {
        summary: { createdAt: string };
        history: { seconds: number[] };
      };
    }),
  );
  runs.sort((a, b) => a.summary.createdAt.localeCompare(b.summary.createdAt));
  return runs.map((r) => r.history.seconds.at(-1) ?? 0);
}

test.describe('performance figures', () => {
  test('frame times while exercise 3 trains, against the CLI', async ({
    labPage: page,
    labServer,
  }, testInfo) => {
    test.skip(
      !process.env.MLP_LAB_PERF,
      'frame-time measurement runs only with MLP_LAB_PERF=1',
    );
    test.setTimeout(600_000);

    await page.goto(`${labServer.url}&perf=1`);
    await expect
      .poll(() => page.evaluate(() => Array.isArray(window.__frameTimes)))
      .toBe(true);
    await choosePreset(page, 'exercise-3');
    await expect(page.getByTestId('start')).toBeEnabled();

    const begin = Date.now();
    await page.evaluate(() => window.__frameTimes!.splice(0));
    await page.getByTestId('start').click();
    await expect(page.getByTestId('status-readout')).toHaveText(
      'done (completed)',
      { timeout: 300_000 },
    );
    const wallSeconds = (Date.now() - begin) / 1000;
    const frames = await page.evaluate(() => [...window.__frameTimes!]);
    const epochs = await epochShown(page);
    expect(epochs).toBe(900);
    await keepScreenshot(page, testInfo, 'exercise-3-done');

    // The same run without frame recording: the recorder's own animation
    // frames keep the page painting 60 times a second, which costs CPU the
    // trainer would otherwise get on a small machine.
    await page.goto(labServer.url);
    await choosePreset(page, 'exercise-3');
    await page.getByTestId('start').click();
    await expect
      .poll(async () => (await trainingSeconds(labServer.dataDir)).length)
      .toBe(2);
    await expect(page.getByTestId('status-readout')).toHaveText(
      'done (completed)',
      { timeout: 300_000 },
    );

    const cli = await run(
      process.execPath,
      [
        join(repoRoot, 'bin', 'mlp-lab.js'),
        'train',
        '--preset',
        'exercise-3',
        '--json',
      ],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
    );
    const cliSeconds = (JSON.parse(cli.stdout) as { seconds: number }).seconds;
    const [uiSeconds, quietSeconds] = await trainingSeconds(labServer.dataDir);

    const figures = [
      `frames recorded: ${frames.length}`,
      `frame time median: ${quantile(frames, 0.5).toFixed(1)} ms`,
      `frame time p95: ${quantile(frames, 0.95).toFixed(1)} ms`,
      `frame time max: ${Math.max(...frames).toFixed(1)} ms`,
      `UI wall time: ${wallSeconds.toFixed(2)} s for ${epochs} epochs ` +
        `(${(epochs / wallSeconds).toFixed(1)} epochs/s)`,
      `UI training time: ${uiSeconds.toFixed(2)} s ` +
        `(${(900 / uiSeconds).toFixed(1)} epochs/s)`,
      `UI training time without frame recording: ` +
        `${quietSeconds.toFixed(2)} s`,
      `CLI training time: ${cliSeconds.toFixed(2)} s ` +
        `(${(900 / cliSeconds).toFixed(1)} epochs/s)`,
      `training time, UI / CLI: ${(uiSeconds / cliSeconds).toFixed(2)}`,
      `training time without frame recording, UI / CLI: ` +
        `${(quietSeconds / cliSeconds).toFixed(2)}`,
      `UI wall / CLI training: ${(wallSeconds / cliSeconds).toFixed(2)}`,
    ];
    console.log(`Perf: exercise 3\n  ${figures.join('\n  ')}`);
    await testInfo.attach('figures', { body: figures.join('\n') });
  });
});
