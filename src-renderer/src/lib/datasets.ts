import {
  buildDataset,
  prepareData,
  type Dataset,
  type PreparedData,
} from '../../../src-shared/data/index.ts';
import {
  prepareExperiment,
  type ExperimentData,
} from '../../../src-shared/experiment-run.ts';
import type { Experiment } from '../../../src-shared/experiment.ts';
import type { CsvImport } from '../../../src-shared/lab-api.ts';
import type { Standardization } from '../../../src-shared/model-schema.ts';
import type { Recipe } from '../../../src-shared/recipe.ts';

// Data sets rebuilt in the renderer, for plots and for evaluating models.
// Generated recipes are rebuilt exactly; a CSV only from the rows the host
// sent as a preview, which is the whole file when it is small.

/** The CSV's rows as a data set, and whether they are all of its rows. */
export function datasetFromCsv(imported: CsvImport): {
  dataset: Dataset;
  complete: boolean;
} {
  const { X, y } = imported.preview;
  const nFeatures = imported.featureNames.length;
  const flat = new Float64Array(X.length * nFeatures);
  X.forEach((row, i) => flat.set(row, i * nFeatures));
  return {
    dataset: {
      X: flat,
      y: Int32Array.from(y),
      nSamples: X.length,
      nFeatures,
      classNames: [...imported.classNames],
      featureNames: [...imported.featureNames],
    },
    complete: X.length === imported.rows,
  };
}

/**
 * The data set of `recipe`; a CSV recipe needs its import, complete, and
 * otherwise throws an error saying so.
 */
export function datasetFor(recipe: Recipe, csv: CsvImport | null): Dataset {
  if (recipe.kind !== 'csv') return cachedBuild(recipe);
  if (!csv || csv.recipe.path !== recipe.path) {
    throw new Error(`dataset: the CSV file ${recipe.path} is not loaded here`);
  }
  const { dataset, complete } = datasetFromCsv(csv);
  if (!complete) {
    throw new Error(
      `dataset: only ${dataset.nSamples} of ${csv.rows} CSV rows are available here`,
    );
  }
  return dataset;
}

const cache: { key: string; dataset: Dataset }[] = [];

/** buildDataset, remembering the last few results: forms rebuild often. */
function cachedBuild(recipe: Recipe): Dataset {
  const key = JSON.stringify(recipe);
  const hit = cache.find((entry) => entry.key === key);
  if (hit) return hit.dataset;

  const dataset = buildDataset(recipe);
  cache.unshift({ key, dataset });
  cache.length = Math.min(cache.length, 4);
  return dataset;
}

/** A data set split as an experiment would split it, for plotting. */
export interface DataPreview {
  dataset: Dataset;
  /** Null when the split cannot be reproduced (a partial CSV preview). */
  prepared: PreparedData | null;
}

/** The preview of the data a form describes; throws on a bad recipe. */
export function previewData(
  recipe: Recipe,
  csv: CsvImport | null,
  split: { testFraction: number; stratify: boolean },
  seed: number,
): DataPreview {
  const dataset =
    recipe.kind === 'csv' && csv
      ? datasetFromCsv(csv).dataset
      : datasetFor(recipe, csv);
  const complete = recipe.kind !== 'csv' || dataset.nSamples === csv?.rows;
  const prepared = complete
    ? prepareData(dataset, { ...split, standardize: false, seed })
    : null;
  return { dataset, prepared };
}

/** The data of an experiment, scaled as `standardization` says if given. */
export function experimentData(
  experiment: Experiment,
  csv: CsvImport | null,
  standardization: Standardization | null = null,
): ExperimentData {
  const dataset = datasetFor(experiment.dataset, csv);
  return prepareExperiment(experiment, dataset, standardization);
}
