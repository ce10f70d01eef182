import * as v from 'valibot';
import {
  ExperimentSchema,
  outputUnits,
  type Experiment,
  type NetworkSpec,
} from '../experiment.ts';
import { lossCompatibilityProblem } from '../engine/losses.ts';
import type { MakeClassificationRecipe, Recipe } from '../recipe.ts';

// Checks an experiment as a form builds it: every schema problem and every
// cross-field problem, each keyed by the dot path of the field it concerns
// (`network.hidden.0.units`), so a form can show it next to that field.

/** Problems keyed by dot path; empty when the experiment can run. */
export type FieldErrors = Record<string, string>;

/** The outcome of checking a form's experiment. */
export interface ExperimentCheck {
  /** The parsed experiment, or null while anything is wrong. */
  experiment: Experiment | null;
  errors: FieldErrors;
}

/** scikit-learn's make_classification defaults, for fields left out. */
export const makeClassificationDefaults = {
  nSamples: 100,
  nFeatures: 20,
  nInformative: 2,
  nRedundant: 2,
  nRepeated: 0,
  nClasses: 2,
  nClustersPerClass: 2,
  weights: null,
  flipY: 0.01,
  classSep: 1.0,
  hypercube: true,
  shift: 0.0,
  scale: 1.0,
  shuffle: true,
  randomState: null,
} as const satisfies Omit<MakeClassificationRecipe, 'kind'>;

/** A make_classification recipe with every field written out. */
export type FullMakeClassification = Required<MakeClassificationRecipe>;

/** Fills every field a recipe leaves out with scikit-learn's default. */
export function withDefaults(
  recipe: MakeClassificationRecipe,
): FullMakeClassification {
  const filled = { ...makeClassificationDefaults, ...recipe };
  return {
    ...filled,
    weights: filled.weights === null ? null : [...filled.weights],
    shift: Array.isArray(filled.shift) ? [...filled.shift] : filled.shift,
    scale: Array.isArray(filled.scale) ? [...filled.scale] : filled.scale,
  };
}

/** Number of classes a recipe yields, when that is known without data. */
export function recipeClassCount(recipe: Recipe): number | null {
  switch (recipe.kind) {
    case 'makeClassification':
      return recipe.nClasses ?? makeClassificationDefaults.nClasses;
    case 'perClass':
      return recipe.classes.length;
    case 'circles':
    case 'moons':
    case 'xor':
      return 2;
    case 'spiral':
    case 'gaussians':
      return recipe.nClasses ?? 2;
    case 'inline':
      return recipe.y.length === 0 ? 0 : Math.max(...recipe.y) + 1;
    case 'csv':
      return null;
  }
}

/** Output activation and loss that suit a task with `nClasses` classes. */
export function suggestedOutput(
  nClasses: number,
): Pick<NetworkSpec, 'outputActivation' | 'loss'> {
  return nClasses > 2
    ? { outputActivation: 'softmax', loss: 'cce' }
    : { outputActivation: 'sigmoid', loss: 'bce' };
}

/**
 * Checks `input` against the experiment schema and the rules that span
 * fields; `classCount` overrides the class count when the recipe cannot
 * tell it (an imported CSV).
 */
export function checkExperiment(
  input: unknown,
  classCount: number | null = null,
): ExperimentCheck {
  const errors: FieldErrors = {};
  const parsed = v.safeParse(ExperimentSchema, input);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = v.getDotPath(issue) ?? '';
      if (!(path in errors)) errors[path] = issueText(issue);
    }
  }

  const raw = input as Partial<Experiment> | null;
  if (raw?.dataset) checkRecipe(raw.dataset, 'dataset', errors);

  if (parsed.success) {
    const experiment = parsed.output;
    const nClasses = classCount ?? recipeClassCount(experiment.dataset);
    if (nClasses !== null) checkNetwork(experiment.network, nClasses, errors);
  }

  const ok = parsed.success && Object.keys(errors).length === 0;
  return { experiment: ok ? parsed.output : null, errors };
}

/** A schema issue in plain words. */
function issueText(issue: v.BaseIssue<unknown>): string {
  const { type, input, requirement } = issue;
  if (type === 'number' && (input === null || input === undefined)) {
    return 'is required';
  }
  if (type === 'number' && typeof input === 'number' && isNaN(input)) {
    return 'must be a number';
  }
  if (type === 'finite') return 'must be a finite number';
  if (type === 'integer') return 'must be a whole number';
  if (type === 'min_value') return `must be at least ${String(requirement)}`;
  if (type === 'max_value') return `must be at most ${String(requirement)}`;
  if (type === 'min_length' && Array.isArray(input)) {
    return `needs at least ${String(requirement)} entries`;
  }
  if (type === 'min_length') return 'must not be empty';
  return issue.message.replace(/^Invalid type: /, 'expected ');
}

/** Adds the make_classification rules that span fields, recursively. */
function checkRecipe(recipe: Recipe, path: string, errors: FieldErrors) {
  if (recipe.kind === 'perClass' && Array.isArray(recipe.classes)) {
    recipe.classes.forEach((inner, i) => {
      checkRecipe(inner, `${path}.classes.${i}`, errors);
    });
    return;
  }
  if (recipe.kind !== 'makeClassification') return;

  const r = { ...makeClassificationDefaults, ...recipe };
  const allInts = [
    r.nFeatures,
    r.nInformative,
    r.nRedundant,
    r.nRepeated,
    r.nClasses,
    r.nClustersPerClass,
  ].every((n) => Number.isInteger(n) && n >= 0);
  if (!allInts) return;

  const used = r.nInformative + r.nRedundant + r.nRepeated;
  if (used > r.nFeatures) {
    errors[`${path}.nFeatures`] ??=
      `must be at least informative + redundant + repeated (${used})`;
  }
  const clusters = r.nClasses * r.nClustersPerClass;
  if (clusters > 2 ** r.nInformative) {
    const corners = 2 ** r.nInformative;
    errors[`${path}.nInformative`] ??=
      `${clusters} clusters (classes × clusters per class) do not fit ` +
      `on the ${corners} corners of a ${r.nInformative}-D hypercube; ` +
      'add informative features or use fewer clusters';
  }
  if (Array.isArray(r.weights)) {
    const n = r.weights.length;
    if (n !== r.nClasses && n !== r.nClasses - 1) {
      errors[`${path}.weights`] ??=
        `needs ${r.nClasses} or ${r.nClasses - 1} values, got ${n}`;
    }
  }
  for (const key of ['shift', 'scale'] as const) {
    const value = r[key];
    if (Array.isArray(value) && value.length !== r.nFeatures) {
      errors[`${path}.${key}`] ??=
        `needs one value per feature (${r.nFeatures}), got ${value.length}`;
    }
  }
}

/** Adds the rule that the loss must suit the output layer and task. */
function checkNetwork(
  spec: NetworkSpec,
  nClasses: number,
  errors: FieldErrors,
) {
  const nOutputs = outputUnits(nClasses, spec);
  const problem = lossCompatibilityProblem(
    spec.loss,
    spec.outputActivation,
    nOutputs,
  );
  if (problem) errors['network.loss'] ??= problem;
}
