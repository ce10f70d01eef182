import { describe, expect, it } from 'vitest';
import { gradientStep, networkFromStepCase } from './step.ts';
import { networkToParams } from './network.ts';
import { expectClose, readTestData } from './test-helpers.ts';

interface FixtureCase {
  name: string;
  expected: Record<string, unknown>;
}

const fixtureFiles = ['exercise-1.json', 'batch-steps.json'];
const Fields = [
  'output',
  'loss',
  'preActivations',
  'activations',
  'deltas',
  'gradients',
  'updated',
] as const;

describe('gradientStep', () => {
  for (const file of fixtureFiles) {
    const cases = (readTestData(file) as { cases: FixtureCase[] }).cases;
    for (const fixture of cases) {
      it(`reproduces ${file} case ${fixture.name} to 1e-12`, () => {
        const parsed = networkFromStepCase(fixture);
        if (!parsed.ok) throw new Error(parsed.error);
        const c = parsed.value;

        const trace = gradientStep(c.network, c.X, c.Y, c.learningRate);

        for (const field of Fields) {
          expectClose(trace[field], fixture.expected[field], 1e-12, field);
        }
      });
    }
  }

  it('leaves the input network unchanged', () => {
    const fixture = (readTestData('exercise-1.json') as { cases: unknown[] })
      .cases[0];
    const parsed = networkFromStepCase(fixture);
    if (!parsed.ok) throw new Error(parsed.error);
    const before = JSON.stringify(networkToParams(parsed.value.network));

    gradientStep(parsed.value.network, parsed.value.X, parsed.value.Y, 0.3);

    expect(JSON.stringify(networkToParams(parsed.value.network))).toBe(before);
  });
});
