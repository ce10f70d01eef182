import * as v from 'valibot';
import { finiteNumber, intAtLeast, numberIn } from './validation.ts';

// Data-set recipes: JSON descriptions that a data set is generated from.
// Field names follow scikit-learn's make_classification in camelCase.

/** `shift` or `scale`: one number, one per feature, or null for random. */
const perFeature = v.union([finiteNumber(), v.array(finiteNumber()), v.null()]);

/** scikit-learn's make_classification, reproduced exactly. */
export const MakeClassificationSchema = v.strictObject({
  kind: v.literal('makeClassification'),
  nSamples: v.optional(intAtLeast(1)),
  nFeatures: v.optional(intAtLeast(1)),
  nInformative: v.optional(intAtLeast(0)),
  nRedundant: v.optional(intAtLeast(0)),
  nRepeated: v.optional(intAtLeast(0)),
  nClasses: v.optional(intAtLeast(1)),
  nClustersPerClass: v.optional(intAtLeast(1)),
  weights: v.optional(v.nullable(v.array(finiteNumber()))),
  flipY: v.optional(numberIn(0, 1)),
  classSep: v.optional(finiteNumber()),
  hypercube: v.optional(v.boolean()),
  shift: v.optional(perFeature),
  scale: v.optional(perFeature),
  shuffle: v.optional(v.boolean()),
  randomState: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
});
export type MakeClassificationRecipe = v.InferOutput<
  typeof MakeClassificationSchema
>;

/** The 2-D toy sets, each seeded through seedrandom. */
export const ToyKinds = [
  'circles',
  'moons',
  'xor',
  'spiral',
  'gaussians',
] as const;
export type ToyKind = (typeof ToyKinds)[number];

export const ToySchema = v.strictObject({
  kind: v.picklist(ToyKinds),
  nSamples: intAtLeast(2),
  noise: numberIn(0, 10),
  seed: v.pipe(v.number(), v.integer()),
  /** Number of classes (spiral arms, gaussian blobs); two otherwise. */
  nClasses: v.optional(intAtLeast(2)),
});
export type ToyRecipe = v.InferOutput<typeof ToySchema>;

/** A CSV file with a header row: one label column, numeric features. */
export const CsvSchema = v.strictObject({
  kind: v.literal('csv'),
  path: v.pipe(v.string(), v.minLength(1)),
  labelColumn: v.pipe(v.string(), v.minLength(1)),
  /** Feature columns by header name; every other column when absent. */
  featureColumns: v.optional(v.array(v.string())),
});
export type CsvRecipe = v.InferOutput<typeof CsvSchema>;

/** A data set written out in full. */
export const InlineSchema = v.strictObject({
  kind: v.literal('inline'),
  X: v.pipe(v.array(v.array(finiteNumber())), v.minLength(1)),
  y: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  classNames: v.optional(v.array(v.string())),
  featureNames: v.optional(v.array(v.string())),
});
export type InlineRecipe = v.InferOutput<typeof InlineSchema>;

/** Any recipe that is not a composition. */
export type LeafRecipe =
  MakeClassificationRecipe | ToyRecipe | CsvRecipe | InlineRecipe;

/** Samples of the i-th recipe are relabelled i and all are concatenated. */
export interface PerClassRecipe {
  kind: 'perClass';
  classes: Recipe[];
  classNames?: string[];
}

/** A data-set recipe of any kind. */
export type Recipe = LeafRecipe | PerClassRecipe;

export const RecipeSchema: v.GenericSchema<Recipe> = v.variant('kind', [
  MakeClassificationSchema,
  ToySchema,
  CsvSchema,
  InlineSchema,
  v.strictObject({
    kind: v.literal('perClass'),
    classes: v.pipe(
      v.array(v.lazy(() => RecipeSchema)),
      v.minLength(1, 'needs at least one class'),
    ),
    classNames: v.optional(v.array(v.string())),
  }),
]);
