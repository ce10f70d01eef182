// Data-set recipes turned into data: scikit-learn's generator, the toy sets,
// inline arrays, CSV files and per-class compositions of any of these.
// X is nSamples × nFeatures, row-major; y holds class indices.

import type { InlineRecipe, PerClassRecipe, Recipe } from '../recipe.ts';
import { RecipeSchema } from '../recipe.ts';
import { parseWith } from '../validation.ts';
import { parseCsvDataset } from './csv.ts';
import { makeClassification } from './make-classification.ts';
import { makeToy } from './toy-sets.ts';

/** A labelled data set ready for splitting. */
export interface Dataset {
  /** Features, nSamples × nFeatures, row-major. */
  X: Float64Array;
  /** Class index of each sample, in [0, classNames.length). */
  y: Int32Array;
  nSamples: number;
  nFeatures: number;
  /** Display name of each class; its index is the label. */
  classNames: string[];
  /** Display name of each feature column. */
  featureNames: string[];
}

/** File access for recipes that read files (CSV). */
export interface DataIo {
  readText(path: string): string;
}

/** Class names `'0'`, `'1'`, … used when a recipe names none. */
export function defaultClassNames(nClasses: number): string[] {
  return Array.from({ length: nClasses }, (_, i) => String(i));
}

/** Feature names `x0`, `x1`, … used when a recipe names none. */
export function defaultFeatureNames(nFeatures: number): string[] {
  return Array.from({ length: nFeatures }, (_, j) => `x${j}`);
}

/** Runs `build`, prefixing any error with the recipe's field path. */
function at<T>(path: string, build: () => T): T {
  if (path === '') return build();
  try {
    return build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${path}.${message}`);
  }
}

/** The number of classes: one more than the largest label. */
function classCount(y: Int32Array): number {
  let max = -1;
  for (const label of y) max = Math.max(max, label);
  return max + 1;
}

/** An inline data set, checked for a rectangular X and matching labels. */
function buildInline(recipe: InlineRecipe): Dataset {
  const nSamples = recipe.X.length;
  const nFeatures = recipe.X[0].length;
  if (nFeatures === 0) throw new Error('X.0: needs at least one feature');
  if (recipe.y.length !== nSamples) {
    throw new Error(
      `y: has ${recipe.y.length} labels for ${nSamples} rows of X`,
    );
  }

  const X = new Float64Array(nSamples * nFeatures);
  recipe.X.forEach((row, i) => {
    if (row.length !== nFeatures) {
      throw new Error(
        `X.${i}: has ${row.length} values; row 0 has ${nFeatures}`,
      );
    }
    X.set(row, i * nFeatures);
  });
  const y = Int32Array.from(recipe.y);

  const classNames = recipe.classNames ?? defaultClassNames(classCount(y));
  recipe.y.forEach((label, i) => {
    if (label >= classNames.length) {
      throw new Error(
        `y.${i}: label ${label} has no class name (classNames has ${classNames.length})`,
      );
    }
  });
  const featureNames = recipe.featureNames ?? defaultFeatureNames(nFeatures);
  if (featureNames.length !== nFeatures) {
    throw new Error(
      `featureNames: has ${featureNames.length} names for ${nFeatures} features`,
    );
  }

  return { X, y, nSamples, nFeatures, classNames, featureNames };
}

/** Concatenates the parts, labelling every sample of part i with class i. */
function buildPerClass(
  recipe: PerClassRecipe,
  path: string,
  io: DataIo | undefined,
): Dataset {
  const prefix = path === '' ? '' : `${path}.`;
  const parts = recipe.classes.map((part, i) =>
    build(part, `${prefix}classes.${i}`, io),
  );
  const nFeatures = parts[0].nFeatures;
  parts.forEach((part, i) => {
    if (part.nFeatures !== nFeatures) {
      throw new Error(
        `${prefix}classes.${i}: has ${part.nFeatures} features; classes.0 has ${nFeatures}`,
      );
    }
  });

  const classNames =
    recipe.classNames ?? defaultClassNames(recipe.classes.length);
  if (classNames.length !== parts.length) {
    throw new Error(
      `${prefix}classNames: has ${classNames.length} names for ${parts.length} classes`,
    );
  }

  const nSamples = parts.reduce((sum, part) => sum + part.nSamples, 0);
  const X = new Float64Array(nSamples * nFeatures);
  const y = new Int32Array(nSamples);
  let row = 0;
  parts.forEach((part, i) => {
    X.set(part.X, row * nFeatures);
    y.fill(i, row, row + part.nSamples);
    row += part.nSamples;
  });

  return {
    X,
    y,
    nSamples,
    nFeatures,
    classNames,
    featureNames: parts[0].featureNames,
  };
}

/** Builds the recipe found at field path `path` (empty at the root). */
function build(recipe: Recipe, path: string, io: DataIo | undefined): Dataset {
  switch (recipe.kind) {
    case 'perClass':
      return buildPerClass(recipe, path, io);

    case 'makeClassification':
      return at(path, () => {
        const { X, y, nSamples, nFeatures } = makeClassification(recipe);
        return {
          X,
          y,
          nSamples,
          nFeatures,
          classNames: defaultClassNames(recipe.nClasses ?? 2),
          featureNames: defaultFeatureNames(nFeatures),
        };
      });

    case 'inline':
      return at(path, () => buildInline(recipe));

    case 'csv':
      return at(path, () => {
        if (!io) {
          throw new Error(
            'path: reading a CSV file needs file access, which is not available here',
          );
        }
        let text: string;
        try {
          text = io.readText(recipe.path);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`path: cannot read "${recipe.path}": ${reason}`);
        }
        try {
          return parseCsvDataset(text, recipe).dataset;
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          throw new Error(
            message.startsWith('line ')
              ? `path: ${recipe.path}, ${message}`
              : message,
          );
        }
      });

    default:
      return at(path, () => {
        const { X, y, nSamples, nFeatures, nClasses } = makeToy(recipe);
        return {
          X,
          y,
          nSamples,
          nFeatures,
          classNames: defaultClassNames(nClasses),
          featureNames: defaultFeatureNames(nFeatures),
        };
      });
  }
}

/**
 * Builds the data set a recipe describes. Errors name the recipe field
 * (`classes.2.nInformative: …`); CSV recipes need `io` to read their file.
 */
export function buildDataset(recipe: Recipe, io?: DataIo): Dataset {
  const parsed = parseWith(RecipeSchema, recipe);
  if (!parsed.ok) throw new Error(parsed.error);
  return build(parsed.value, '', io);
}
