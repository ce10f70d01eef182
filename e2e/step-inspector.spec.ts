import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures.ts';
import {
  choosePreset,
  dataValue,
  expectClose,
  keepScreenshot,
  readTestData,
} from './harness/lab-helpers.ts';

// Exercise 1 in the step inspector: every number of the hand-checkable
// gradient step, against the golden values computed independently.

interface LayerParams {
  weights: number[][];
  bias: number[];
}

interface StepCase {
  learningRate: number;
  layers: LayerParams[];
  expected: {
    output: number[][];
    loss: number;
    preActivations: number[][][];
    activations: number[][][];
    deltas: number[][][];
    gradients: LayerParams[];
    updated: LayerParams[];
  };
}

const golden = readTestData<{ cases: StepCase[] }>('exercise-1.json').cases[0];

/** The number a step-value cell carries. */
function stepValue(page: Page, name: string): Promise<number> {
  return dataValue(page.getByTestId(`step-value-${name}`));
}

/** Checks a [fanIn][fanOut] table and a bias row; layers count from 1. */
async function expectParams(
  page: Page,
  prefix: { w: string; b: string },
  params: LayerParams[],
  tolerance = 1e-12,
): Promise<void> {
  for (const [l, layer] of params.entries()) {
    for (const [k, row] of layer.weights.entries()) {
      for (const [j, expected] of row.entries()) {
        const name = `${prefix.w}-${l + 1}-${k}-${j}`;
        expectClose(await stepValue(page, name), expected, name, tolerance);
      }
    }
    for (const [j, expected] of layer.bias.entries()) {
      const name = `${prefix.b}-${l + 1}-${j}`;
      expectClose(await stepValue(page, name), expected, name, tolerance);
    }
  }
}

/** Opens exercise 1 in the step inspector. */
async function openExercise1(page: Page): Promise<void> {
  await choosePreset(page, 'exercise-1');
  await expect(page.getByTestId('step-inspector')).toBeVisible();
  await expect(page.getByTestId('step-value-loss')).toBeVisible();
}

test.describe('step inspector', () => {
  test('shows every number of exercise 1 as the golden step has it', async ({
    labPage: page,
    pageErrors,
  }, testInfo) => {
    await openExercise1(page);
    const e = golden.expected;

    expectClose(await stepValue(page, 'loss'), e.loss, 'loss');
    for (const [j, expected] of e.output[0].entries()) {
      expectClose(await stepValue(page, `output-${j}`), expected, 'output');
    }
    for (const [l, layer] of e.preActivations.entries()) {
      for (const [j, expected] of layer[0].entries()) {
        const z = `z-${l + 1}-${j}`;
        const a = `a-${l + 1}-${j}`;
        const delta = `delta-${l + 1}-${j}`;
        expectClose(await stepValue(page, z), expected, z);
        expectClose(await stepValue(page, a), e.activations[l][0][j], a);
        expectClose(await stepValue(page, delta), e.deltas[l][0][j], delta);
      }
    }
    await expectParams(page, { w: 'dw', b: 'db' }, e.gradients);
    await expectParams(page, { w: 'w', b: 'b' }, e.updated);

    await keepScreenshot(page, testInfo, 'exercise-1-step');
    expect(pageErrors).toEqual([]);
  });

  test('moves the updated weights with the learning rate', async ({
    labPage: page,
  }, testInfo) => {
    await openExercise1(page);
    const rate = 0.05;
    await page.getByTestId('step-lr').fill(String(rate));

    // W' = W - η ∂L/∂W, with the gradient unchanged by η.
    const expected = golden.layers.map((layer, l) => {
      const gradient = golden.expected.gradients[l];
      return {
        weights: layer.weights.map((row, k) =>
          row.map((w, j) => w - rate * gradient.weights[k][j]),
        ),
        bias: layer.bias.map((b, j) => b - rate * gradient.bias[j]),
      };
    });
    await expect
      .poll(() => stepValue(page, 'w-1-0-0'))
      .not.toBe(golden.expected.updated[0].weights[0][0]);
    await expectParams(page, { w: 'dw', b: 'db' }, golden.expected.gradients);
    await expectParams(page, { w: 'w', b: 'b' }, expected, 1e-12);

    await page.getByTestId('step-lr').fill('-1');
    await expect(page.getByTestId('step-error')).toContainText(/learning/i);
    await expect(page.getByTestId('step-apply')).toBeDisabled();
    await keepScreenshot(page, testInfo, 'negative-learning-rate');
  });

  test('applies the step so that the next one starts from a lower loss', async ({
    labPage: page,
  }, testInfo) => {
    await openExercise1(page);
    const first = await stepValue(page, 'loss');
    const updated = golden.expected.updated;

    await page.getByTestId('step-apply').click();
    await expect.poll(() => stepValue(page, 'loss')).toBeLessThan(first - 1e-3);

    // The applied parameters are now the inputs of the next step.
    for (const [l, layer] of updated.entries()) {
      for (const [k, row] of layer.weights.entries()) {
        for (const [j, w] of row.entries()) {
          const input = page.getByTestId(`step-input-w-${l + 1}-${k}-${j}`);
          expectClose(Number(await input.inputValue()), w, `W${l + 1}`);
        }
      }
    }

    let loss = await stepValue(page, 'loss');
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('step-apply').click();
      await expect.poll(() => stepValue(page, 'loss')).toBeLessThan(loss);
      loss = await stepValue(page, 'loss');
    }
    await keepScreenshot(page, testInfo, 'after-four-steps');
  });
});
