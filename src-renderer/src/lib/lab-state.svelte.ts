import seedrandom from 'seedrandom';
import {
  createNetwork,
  networkToParams,
} from '../../../src-shared/engine/index.ts';
import {
  evaluateModel,
  type ExperimentData,
  type ModelEvaluation,
} from '../../../src-shared/experiment-run.ts';
import { outputUnits } from '../../../src-shared/experiment.ts';
import type { NetworkParams } from '../../../src-shared/model-schema.ts';
import type { Recipe } from '../../../src-shared/recipe.ts';
import { experimentData, previewData, type DataPreview } from './datasets.ts';
import { lab } from './lab.ts';
import { ExperimentForm } from './form.svelte.ts';
import { RunsStore } from './runs.svelte.ts';
import { RunSession } from './session.svelte.ts';
import { StepState } from './step.svelte.ts';

// Everything the screen shows, tied together: the form, the current run,
// the kept runs, the step inspector, and the data and pictures derived from
// them.

/** A value computed from the current settings, or why it could not be. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs `compute`, turning a thrown error into an outcome. */
function attempt<T>(compute: () => T): Outcome<T> {
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The application's state. */
export class LabState {
  form = new ExperimentForm();
  runs = new RunsStore(lab);
  session = new RunSession(lab, () => void this.runs.refresh());
  step = new StepState();
  view = $state<'lab' | 'step'>('lab');
  presetName = $state('');

  /** The form's data set, split as it would be, for the scatter plot. */
  preview = $derived.by((): Outcome<DataPreview> | null => {
    const form = this.form;
    const recipe = $state.snapshot(form.recipe) as Recipe | null;
    if (!recipe) return null;
    const dataErrors = Object.entries(form.check.errors).filter(([path]) =>
      path.startsWith('dataset'),
    );
    if (dataErrors.length > 0) {
      const [path, message] = dataErrors[0];
      return { ok: false, error: `${path}: ${message}` };
    }
    const split = form.check.errors['split.testFraction']
      ? { testFraction: 0, stratify: false }
      : (form.split as { testFraction: number; stratify: boolean });
    const seed = form.training.seed ?? 0;
    return attempt(() => previewData(recipe, form.csv.imported, split, seed));
  });

  /** The data of the run or model on screen, as its network sees it. */
  runData = $derived.by((): Outcome<ExperimentData> | null => {
    const experiment = this.session.experiment;
    if (!experiment) return null;
    const standardization = this.session.model?.standardization ?? null;
    return attempt(() =>
      experimentData(experiment, this.form.csv.imported, standardization),
    );
  });

  /** The data the form's experiment would train on. */
  formData = $derived.by((): Outcome<ExperimentData> | null => {
    const experiment = this.form.check.experiment;
    if (!experiment) return null;
    return attempt(() => experimentData(experiment, this.form.csv.imported));
  });

  /** The network a run of the form would start from. */
  initialNetwork = $derived.by((): NetworkParams | null => {
    const experiment = this.form.check.experiment;
    const data = this.formData;
    if (!experiment || !data?.ok) return null;
    const nClasses = data.value.prepared.nClasses;
    const spec = experiment.network;
    const random = seedrandom(`${experiment.training.seed}/init`);
    const built = attempt(() =>
      createNetwork(
        data.value.prepared.nFeatures,
        spec,
        outputUnits(nClasses, spec),
        random,
      ),
    );
    return built.ok ? networkToParams(built.value) : null;
  });

  /** True while the pictures show a run or model rather than the form. */
  showingRun = $derived(this.session.experiment !== null);

  /** The network the pictures show. */
  network = $derived(
    this.showingRun ? this.session.network : this.initialNetwork,
  );

  /** The data the pictures show. */
  data = $derived(this.showingRun ? this.runData : this.formData);

  /** The finished model's figures on both parts, with the confusion matrix. */
  evaluation = $derived.by((): Outcome<ModelEvaluation> | null => {
    const model = this.session.model;
    const data = this.runData;
    if (!model || !data) return null;
    if (!data.ok) return data;
    return attempt(() => evaluateModel(model, data.value));
  });
}
