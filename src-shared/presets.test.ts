import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDataset } from './data/index.ts';
import { gradientStep, networkFromStepCase } from './engine/index.ts';
import { ExperimentSchema } from './experiment.ts';
import { ExperimentRunner, runToEnd } from './experiment-runner.ts';
import { exercise1Case, findPreset, presets } from './presets.ts';
import { parseWith } from './validation.ts';

// The built-in experiments and the exercise 1 step case.

describe('presets', () => {
  it('are valid experiments with unique names, the exercises first', () => {
    for (const preset of presets) {
      const parsed = parseWith(ExperimentSchema, preset.experiment);
      expect(parsed.ok ? 'ok' : parsed.error, preset.name).toBe('ok');
      expect(preset.description).not.toContain('\n');
    }
    const names = presets.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 2)).toEqual(['exercise-2', 'exercise-3']);
    expect(
      findPreset('deep')?.experiment.network.hidden.length,
    ).toBeGreaterThanOrEqual(2);
    expect(findPreset('nope')).toBeUndefined();
  });

  it('build the exercise data sets at their documented sizes', () => {
    const sizes: Record<string, [number, number, number]> = {
      'exercise-2': [1000, 2, 2],
      'exercise-3': [1500, 4, 3],
    };
    for (const [name, [nSamples, nFeatures, nClasses]] of Object.entries(
      sizes,
    )) {
      const dataset = buildDataset(findPreset(name)!.experiment.dataset);
      expect(dataset.nSamples).toBe(nSamples);
      expect(dataset.nFeatures).toBe(nFeatures);
      expect(dataset.classNames).toHaveLength(nClasses);
    }
    for (const preset of presets) {
      expect(buildDataset(preset.experiment.dataset).nSamples).toBeGreaterThan(
        0,
      );
    }
  });
});

describe('exercise-2 preset', () => {
  it('reaches the reference test accuracy with seed 0', () => {
    const { experiment } = findPreset('exercise-2')!;
    const runner = new ExperimentRunner(
      experiment,
      buildDataset(experiment.dataset),
    );
    expect(runToEnd(runner).reason).toBe('completed');
    const accuracy = runner.model().history.testAccuracy.at(-1);
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('exercise1Case', () => {
  it('gives the exercise 1 fixture values to 1e-12', () => {
    const fixture = JSON.parse(
      readFileSync(
        new URL('../test-data/exercise-1.json', import.meta.url),
        'utf8',
      ),
    ) as {
      cases: { expected: { loss: number; updated: { bias: number[] }[] } }[];
    };
    const parsed = networkFromStepCase(exercise1Case);
    if (!parsed.ok) throw new Error(parsed.error);
    const { network, X, Y, learningRate } = parsed.value;
    const trace = gradientStep(network, X, Y, learningRate);
    const expected = fixture.cases[0].expected;
    expect(Math.abs(trace.loss - expected.loss)).toBeLessThanOrEqual(1e-12);
    expect(
      Math.abs(trace.updated[1].bias[0] - expected.updated[1].bias[0]),
    ).toBeLessThanOrEqual(1e-12);
  });
});
