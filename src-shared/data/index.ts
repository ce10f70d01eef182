// The data layer's public API: random sources, generators, CSV import,
// data-set recipes and the split/standardize/encode steps before training.

export { MAX_SEED, RandomState } from './numpy-random.ts';
export {
  makeClassification,
  sampleWithoutReplacement,
  type ClassificationData,
} from './make-classification.ts';
export {
  GAUSSIAN_RADIUS,
  GAUSSIAN_SPREAD,
  SPIRAL_TURNS,
  circles,
  gaussians,
  makeToy,
  moons,
  spiral,
  xor,
  type ToyData,
} from './toy-sets.ts';
export {
  parseCsvDataset,
  parseCsvDatasetChunked,
  type CsvChunking,
  type CsvOptions,
  type CsvResult,
} from './csv.ts';
export {
  buildDataset,
  defaultClassNames,
  defaultFeatureNames,
  type DataIo,
  type Dataset,
} from './dataset.ts';
export {
  STD_EPSILON,
  applyStandardization,
  encodeTargets,
  fitStandardization,
  prepareData,
  type PrepareOptions,
  type PreparedData,
  type Standardization,
} from './prepare.ts';
