import { describe, expect, it } from 'vitest';
import type { Experiment } from '../experiment.ts';
import { presets } from '../presets.ts';
import {
  checkExperiment,
  recipeClassCount,
  suggestedOutput,
  withDefaults,
} from './experiment-check.ts';

/** A valid experiment to break one field at a time. */
function base(): Experiment {
  return structuredClone(presets[0].experiment);
}

describe('checkExperiment', () => {
  it('accepts every preset', () => {
    for (const preset of presets) {
      const check = checkExperiment(preset.experiment);
      expect(check.errors).toEqual({});
      expect(check.experiment).not.toBeNull();
    }
  });

  it('flags a hidden layer with 0 units by its path', () => {
    const input = base();
    input.network.hidden[0].units = 0;
    const check = checkExperiment(input);
    expect(check.experiment).toBeNull();
    expect(check.errors['network.hidden.0.units']).toBe('must be at least 1');
  });

  it('flags an empty units field as required', () => {
    const input = base() as unknown as {
      network: { hidden: { units: number | null }[] };
    };
    input.network.hidden[0].units = null;
    const check = checkExperiment(input);
    expect(check.errors['network.hidden.0.units']).toBe('is required');
  });

  it('flags a zero or negative learning rate', () => {
    for (const rate of [0, -0.1]) {
      const input = base();
      input.training.learningRate = rate;
      expect(checkExperiment(input).errors['training.learningRate']).toBe(
        'must be greater than 0',
      );
    }
  });

  it('flags a test fraction out of range', () => {
    const input = base();
    input.split.testFraction = 1.5;
    expect(checkExperiment(input).errors['split.testFraction']).toBe(
      'must be at most 0.95',
    );
  });

  it('flags more informative features than features', () => {
    const input = base();
    input.dataset = {
      kind: 'makeClassification',
      nFeatures: 2,
      nInformative: 3,
      nRedundant: 0,
    };
    const errors = checkExperiment(input).errors;
    expect(errors['dataset.nFeatures']).toMatch(/informative/);
  });

  it('flags more clusters than hypercube vertices', () => {
    const input = base();
    input.dataset = {
      kind: 'perClass',
      classes: [
        { kind: 'makeClassification', nFeatures: 2, nInformative: 2 },
        {
          kind: 'makeClassification',
          nFeatures: 2,
          nInformative: 1,
          nRedundant: 0,
          nClasses: 1,
          nClustersPerClass: 3,
        },
      ],
    };
    const errors = checkExperiment(input).errors;
    expect(errors['dataset.classes.1.nInformative']).toMatch(/corners/);
  });

  it('flags a loss that does not fit the output', () => {
    const input = base();
    input.network.outputActivation = 'softmax';
    input.network.loss = 'bce';
    expect(checkExperiment(input).errors['network.loss']).toMatch(/sigmoid/);
  });

  it('checks the loss of a CSV task only once its class count is known', () => {
    const input = base();
    input.dataset = { kind: 'csv', path: 'a.csv', labelColumn: 'y' };
    input.network.outputActivation = 'softmax';
    expect(checkExperiment(input).errors).toEqual({});
    expect(checkExperiment(input, 3).errors['network.loss']).toMatch(/sigmoid/);
  });
});

describe('recipeClassCount', () => {
  it('counts classes of composed, toy and generated recipes', () => {
    expect(recipeClassCount(presets[1].experiment.dataset)).toBe(3);
    expect(
      recipeClassCount({ kind: 'moons', nSamples: 10, noise: 0, seed: 1 }),
    ).toBe(2);
    expect(recipeClassCount({ kind: 'makeClassification' })).toBe(2);
  });
});

describe('suggestedOutput', () => {
  it('suggests sigmoid+bce for two classes and softmax+cce beyond', () => {
    expect(suggestedOutput(2)).toEqual({
      outputActivation: 'sigmoid',
      loss: 'bce',
    });
    expect(suggestedOutput(3)).toEqual({
      outputActivation: 'softmax',
      loss: 'cce',
    });
  });
});

describe('withDefaults', () => {
  it("fills left-out fields with scikit-learn's defaults", () => {
    const full = withDefaults({ kind: 'makeClassification', nSamples: 7 });
    expect(full.nSamples).toBe(7);
    expect(full.nFeatures).toBe(20);
    expect(full.flipY).toBe(0.01);
    expect(full.randomState).toBeNull();
  });
});
