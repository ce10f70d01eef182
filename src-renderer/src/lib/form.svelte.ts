import type {
  Experiment,
  NetworkSpec,
  Preprocessing,
  Split,
} from '../../../src-shared/experiment.ts';
import type { CsvImport, CsvSource } from '../../../src-shared/lab-api.ts';
import type {
  MakeClassificationRecipe,
  Recipe,
  ToyKind,
  ToyRecipe,
} from '../../../src-shared/recipe.ts';
import {
  checkExperiment,
  recipeClassCount,
  suggestedOutput,
  withDefaults,
  type FullMakeClassification,
} from '../../../src-shared/ui-model/experiment-check.ts';

// The experiment form: every editable setting, kept even while invalid (an
// emptied number field is null), and the experiment it currently describes.

/** T with every number allowed to be null, as a half-typed form holds it. */
export type Loose<T> = T extends number
  ? number | null
  : T extends readonly (infer U)[]
    ? Loose<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Loose<T[K]> }
      : T;

/** A make_classification recipe as its editor holds it. */
export type McDraft = Loose<FullMakeClassification>;

/** Where the data comes from. */
export type DataSource =
  'makeClassification' | 'perClass' | 'toy' | 'csv' | 'fixed';

/** What the CSV editor knows about an imported file. */
export interface CsvState {
  source: CsvSource | null;
  imported: CsvImport | null;
  labelColumn: string;
  featureColumns: string[];
  /** Why the last import of `source` was refused, if it was. */
  error: string | null;
}

/** A fresh make_classification recipe for one class of a composition. */
export function newClassRecipe(nFeatures: number, seed: number): McDraft {
  return withDefaults({
    kind: 'makeClassification',
    nSamples: 300,
    nClasses: 1,
    nClustersPerClass: 1,
    nFeatures,
    nInformative: nFeatures,
    nRedundant: 0,
    classSep: 2,
    randomState: seed,
  });
}

/** The form's settings and the experiment they describe. */
export class ExperimentForm {
  name = $state('');
  source = $state<DataSource>('perClass');
  mc = $state<McDraft>(
    withDefaults({
      kind: 'makeClassification',
      nSamples: 500,
      nFeatures: 2,
      nInformative: 2,
      nRedundant: 0,
      randomState: 0,
    }),
  );
  perClass = $state<{ classes: McDraft[]; classNames: string[] | null }>({
    classes: [newClassRecipe(2, 21), newClassRecipe(2, 42)],
    classNames: null,
  });
  toy = $state<Loose<Required<ToyRecipe>>>({
    kind: 'moons',
    nSamples: 400,
    noise: 0.15,
    seed: 7,
    nClasses: 3,
  });
  csv = $state<CsvState>({
    source: null,
    imported: null,
    labelColumn: '',
    featureColumns: [],
    error: null,
  });
  /** A recipe the editors cannot edit (inline data, mixed compositions). */
  fixed = $state.raw<Recipe | null>(null);
  split = $state<Loose<Split>>({ testFraction: 0.2, stratify: false });
  preprocessing = $state<Preprocessing>({ standardize: true });
  network = $state<Loose<NetworkSpec>>({
    hidden: [{ units: 8, activation: 'tanh' }],
    outputActivation: 'sigmoid',
    loss: 'bce',
    init: 'glorotUniform',
  });
  optimizerKind = $state<'sgd' | 'momentum' | 'adam'>('adam');
  momentum = $state<{ momentum: number | null; nesterov: boolean }>({
    momentum: 0.9,
    nesterov: false,
  });
  adam = $state<{
    beta1: number | null;
    beta2: number | null;
    epsilon: number | null;
  }>({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  training = $state<{
    learningRate: number | null;
    batchSize: number | null;
    fullBatch: boolean;
    epochs: number | null;
    shuffle: boolean;
    seed: number | null;
    l2: number | null;
  }>({
    learningRate: 0.01,
    batchSize: 32,
    fullBatch: false,
    epochs: 300,
    shuffle: true,
    seed: 0,
    l2: 0,
  });
  earlyStopping = $state<{
    enabled: boolean;
    patience: number | null;
    minDelta: number | null;
  }>({ enabled: false, patience: 20, minDelta: 0 });
  /** Bumped on every load, so editors with local text start afresh. */
  loadCount = $state(0);

  /** The data-set recipe the form describes, or null without data. */
  recipe = $derived.by((): unknown => {
    switch (this.source) {
      case 'makeClassification':
        return this.mc;
      case 'perClass':
        return {
          kind: 'perClass',
          classes: this.perClass.classes,
          ...(this.perClass.classNames
            ? { classNames: this.perClass.classNames }
            : {}),
        };
      case 'toy':
        return toyRecipe(this.toy);
      case 'csv':
        return this.csv.imported?.recipe ?? null;
      case 'fixed':
        return this.fixed;
    }
  });

  /** Classes of the task, when known. */
  classCount = $derived.by((): number | null => {
    if (this.source === 'csv') {
      return this.csv.imported?.classNames.length ?? null;
    }
    try {
      return recipeClassCount($state.snapshot(this.recipe) as Recipe);
    } catch {
      return null;
    }
  });

  /** The experiment as typed so far, valid or not. */
  draft = $derived.by(() => {
    const t = this.training;
    return {
      ...(this.name.trim() ? { name: this.name.trim() } : {}),
      dataset: this.recipe,
      split: this.split,
      preprocessing: this.preprocessing,
      network: this.network,
      training: {
        optimizer: this.optimizer(),
        learningRate: t.learningRate,
        batchSize: t.fullBatch ? 'full' : t.batchSize,
        epochs: t.epochs,
        shuffle: t.shuffle,
        seed: t.seed,
        l2: t.l2,
        earlyStopping: this.earlyStopping.enabled
          ? {
              patience: this.earlyStopping.patience,
              minDelta: this.earlyStopping.minDelta,
            }
          : null,
      },
    };
  });

  /** Schema and cross-field problems by dot path, and the experiment. */
  check = $derived.by(() => {
    const result = checkExperiment(
      $state.snapshot(this.draft),
      this.classCount,
    );
    if (this.source === 'csv' && !this.csv.imported) {
      result.errors['dataset'] = this.csv.error
        ? `could not import ${csvName(this.csv.source)}: ${this.csv.error}`
        : 'choose a CSV file first';
      result.experiment = null;
    }
    return result;
  });

  /** The optimizer settings for the chosen kind. */
  private optimizer() {
    if (this.optimizerKind === 'momentum') {
      return { kind: 'momentum', ...this.momentum };
    }
    if (this.optimizerKind === 'adam') return { kind: 'adam', ...this.adam };
    return { kind: 'sgd' };
  }

  /** Sets output activation and loss to what the task calls for. */
  applySuggestedOutput(): void {
    if (this.classCount === null) return;
    Object.assign(this.network, suggestedOutput(this.classCount));
  }

  /** Fills the whole form from an experiment (a preset, a model's). */
  load(experiment: Experiment): void {
    const e = structuredClone(experiment);
    this.name = e.name ?? '';
    this.loadRecipe(e.dataset);
    this.split = e.split;
    this.preprocessing = e.preprocessing;
    this.network = e.network;

    const o = e.training.optimizer;
    this.optimizerKind = o.kind;
    if (o.kind === 'momentum') {
      this.momentum = { momentum: o.momentum, nesterov: o.nesterov };
    }
    if (o.kind === 'adam') {
      this.adam = { beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon };
    }

    const t = e.training;
    const full = t.batchSize === 'full';
    this.training = {
      learningRate: t.learningRate,
      batchSize: full
        ? (this.training.batchSize ?? 32)
        : (t.batchSize as number),
      fullBatch: full,
      epochs: t.epochs,
      shuffle: t.shuffle,
      seed: t.seed,
      l2: t.l2,
    };
    this.earlyStopping = t.earlyStopping
      ? { enabled: true, ...t.earlyStopping }
      : { ...this.earlyStopping, enabled: false };
    this.loadCount++;
  }

  /** Points the data part of the form at `recipe`. */
  private loadRecipe(recipe: Recipe): void {
    switch (recipe.kind) {
      case 'makeClassification':
        this.source = 'makeClassification';
        this.mc = withDefaults(recipe);
        return;
      case 'perClass': {
        const leaves = recipe.classes.filter(
          (c): c is MakeClassificationRecipe => c.kind === 'makeClassification',
        );
        if (leaves.length !== recipe.classes.length) {
          this.source = 'fixed';
          this.fixed = recipe;
          return;
        }
        this.source = 'perClass';
        this.perClass = {
          classes: leaves.map(withDefaults),
          classNames: recipe.classNames ?? null,
        };
        return;
      }
      case 'csv':
        this.source = 'csv';
        this.csv = {
          source: { path: recipe.path },
          imported: null,
          labelColumn: recipe.labelColumn,
          featureColumns: recipe.featureColumns ?? [],
          error: null,
        };
        return;
      case 'inline':
        this.source = 'fixed';
        this.fixed = recipe;
        return;
      default:
        this.source = 'toy';
        this.toy = {
          ...recipe,
          nClasses: recipe.nClasses ?? this.toy.nClasses,
        };
    }
  }
}

/** The name a CSV source is shown by: its file name or path. */
export function csvName(source: CsvSource | null): string {
  if (!source) return '';
  return 'path' in source ? source.path : source.name;
}

/** A toy recipe without the class count where the kind has none. */
function toyRecipe(toy: Loose<Required<ToyRecipe>>) {
  const kind: ToyKind = toy.kind;
  const hasClasses = kind === 'spiral' || kind === 'gaussians';
  const { nClasses, ...rest } = toy;
  return hasClasses ? { ...rest, nClasses } : rest;
}
