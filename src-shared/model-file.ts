import { validateNetwork } from './engine/network.ts';
import { optimizerStateProblem } from './engine/optimizers.ts';
import { ModelFileSchema, type ModelFile } from './model-schema.ts';
import { parseWith, type Parsed } from './validation.ts';

// Reading and writing model files. A file is either loaded whole and valid
// or refused with one message naming the field and the problem.

/** The `format` every model file declares. */
export const MODEL_FORMAT = 'mlp-lab/model';

/** The version this lab writes; older versions are migrated up to it. */
export const MODEL_VERSION = 1;

/** Largest model file accepted, in characters (bytes for ASCII JSON). */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/** Keys that could reach an object's prototype; refused anywhere. */
const ForbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Upgrades from version v to v + 1, keyed by v. Each takes the parsed JSON
 * of version v and returns that of v + 1; none exist yet as 1 is the first.
 */
export const migrations: Record<
  number,
  (old: Record<string, unknown>) => Record<string, unknown>
> = {};

/** Parses and fully validates a model file's text. */
export function parseModelFile(text: string): Parsed<ModelFile> {
  if (text.length > MAX_MODEL_BYTES) {
    const mib = (text.length / 1024 / 1024).toFixed(1);
    return fail(
      `model file is ${mib} MiB, ` +
        `more than the limit of ${MAX_MODEL_BYTES / 1024 / 1024} MiB`,
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(text, refuseForbiddenKeys);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      message.startsWith('key ') ? message : `not valid JSON: ${message}`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return fail('model file: expected a JSON object');
  }

  const header = json as Record<string, unknown>;
  if (header.format !== MODEL_FORMAT) {
    return fail(
      `format: expected "${MODEL_FORMAT}", got ${show(header.format)}`,
    );
  }
  const migrated = migrate(header);
  if (!migrated.ok) return migrated;

  const parsed = parseWith(ModelFileSchema, migrated.value);
  if (!parsed.ok) return fail(plainer(parsed.error));

  const problem = semanticProblem(parsed.value);
  return problem ? fail(problem) : parsed;
}

/**
 * Writes a model file; numbers keep their shortest round-trip form, so
 * loading gives back every bit. Throws on NaN or ±Infinity, which JSON
 * cannot hold and which would otherwise come back as null.
 */
export function serializeModelFile(model: ModelFile): string {
  let text: string;
  try {
    text = JSON.stringify(model, refuseNonFinite, 2);
  } catch (error) {
    if (!(error instanceof NonFiniteError)) throw error;
    const path = findNonFinite(model, '');
    throw new Error(
      `serializeModelFile: ${path} is not a finite number, ` +
        'which a model file cannot hold',
    );
  }

  // Put arrays of plain numbers on one line: a matrix stays readable and the
  // file is several times smaller. Only a real newline (never one inside a
  // JSON string, where it is escaped) can start such a match.
  const number = '-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';
  const numberArray = new RegExp(
    `\\[\\n\\s*(${number}(?:,\\n\\s*${number})*)\\n\\s*\\]`,
    'g',
  );
  return (
    text.replace(
      numberArray,
      (_, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`,
    ) + '\n'
  );
}

function refuseNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new NonFiniteError();
  }
  return value;
}

class NonFiniteError extends Error {}

/** Path of the first NaN or ±Infinity inside `value`, or null. */
function findNonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findNonFinite(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (ForbiddenKeys.has(key)) {
    throw new Error(`key "${key}" is not allowed in a model file`);
  }
  return value;
}

/** Brings an older file up to MODEL_VERSION through the migrations table. */
function migrate(
  json: Record<string, unknown>,
): Parsed<Record<string, unknown>> {
  const version = json.version;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1
  ) {
    return fail(`version: expected a positive integer, got ${show(version)}`);
  }
  if (version > MODEL_VERSION) {
    return fail(
      `version: version ${version} ` +
        `is newer than this lab supports (${MODEL_VERSION})`,
    );
  }

  let current = json;
  for (let v = version; v < MODEL_VERSION; v++) {
    const step = migrations[v];
    if (!step)
      return fail(`version: no migration from version ${v} to ${v + 1}`);
    current = step(current);
  }
  return { ok: true, value: current };
}

/**
 * Checks that span fields: shapes, lengths and agreement with the experiment.
 */
function semanticProblem(model: ModelFile): string | null {
  const network = model.network;
  const layers = network.layers;
  const networkProblem = validateNetwork(network);
  if (networkProblem) return networkProblem;

  const nInputs = layers[0].weights.length;
  const nOutputs = layers[layers.length - 1].bias.length;
  const shapes = layers.map((l) => ({
    fanIn: l.weights.length,
    fanOut: l.bias.length,
  }));

  const spec = model.experiment.network;
  if (spec.hidden.length !== layers.length - 1) {
    return (
      `network.layers: has ${layers.length} layers ` +
      `but experiment.network has ${spec.hidden.length} hidden layers ` +
      'and an output'
    );
  }
  for (let l = 0; l < spec.hidden.length; l++) {
    const hidden = spec.hidden[l];
    if (hidden.units !== shapes[l].fanOut) {
      return (
        `network.layers.${l}.bias: has ${shapes[l].fanOut} units ` +
        `but experiment.network.hidden.${l}.units is ${hidden.units}`
      );
    }
    if (hidden.activation !== layers[l].activation) {
      return (
        `network.layers.${l}.activation: is ${layers[l].activation} ` +
        `but experiment.network.hidden.${l}.activation ` +
        `is ${hidden.activation}`
      );
    }
  }
  const output = layers[layers.length - 1];
  if (output.activation !== spec.outputActivation) {
    return (
      `network.layers.${layers.length - 1}.activation: ` +
      `is ${output.activation} ` +
      `but experiment.network.outputActivation is ${spec.outputActivation}`
    );
  }
  if (network.loss !== spec.loss) {
    return (
      `network.loss: is ${network.loss} ` +
      `but experiment.network.loss is ${spec.loss}`
    );
  }

  const standardization = model.standardization;
  if (standardization) {
    for (const field of ['mean', 'std'] as const) {
      if (standardization[field].length !== nInputs) {
        return (
          `standardization.${field}: ` +
          `has ${standardization[field].length} values ` +
          `but the first layer takes ${nInputs} inputs`
        );
      }
    }
  }

  const nClasses = model.classNames.length;
  if (nOutputs === 1 ? nClasses > 2 : nClasses !== nOutputs) {
    const expected =
      nOutputs === 1
        ? 'at most 2 (one output)'
        : `${nOutputs} (one per output)`;
    return `classNames: has ${nClasses} names, expected ${expected}`;
  }
  if (
    model.featureNames.length !== 0 &&
    model.featureNames.length !== nInputs
  ) {
    return (
      `featureNames: has ${model.featureNames.length} names ` +
      `but the first layer takes ${nInputs} inputs`
    );
  }

  const historyProblem = historyLengthProblem(model);
  if (historyProblem) return historyProblem;

  if (model.optimizerState) {
    return optimizerStateProblem(
      model.optimizerState,
      shapes,
      model.experiment.training.optimizer.kind,
    );
  }
  return null;
}

/**
 * Train arrays and seconds share one length; test arrays match it or are
 * empty.
 */
function historyLengthProblem(model: ModelFile): string | null {
  const h = model.history;
  const n = h.trainLoss.length;
  const lengths: [keyof typeof h, boolean][] = [
    ['trainAccuracy', false],
    ['seconds', false],
    ['testLoss', true],
    ['testAccuracy', true],
  ];
  for (const [field, mayBeEmpty] of lengths) {
    const length = h[field].length;
    if (length !== n && !(mayBeEmpty && length === 0)) {
      return (
        `history.${field}: has ${length} entries ` +
        `but history.trainLoss has ${n}`
      );
    }
  }
  if (h.testLoss.length !== h.testAccuracy.length) {
    return (
      `history.testAccuracy: has ${h.testAccuracy.length} entries ` +
      `but history.testLoss has ${h.testLoss.length}`
    );
  }
  return null;
}

/** Rewords the schema library's phrasing of the common problems. */
function plainer(error: string): string {
  return error
    .replace(
      /: Invalid key: Expected "[^"]*" but received undefined$/,
      ': is missing',
    )
    .replace(
      /: Invalid key: Expected never but received "([^"]*)"$/,
      ': unknown field "$1"',
    )
    .replace(
      /: Invalid finite: Received (.*)$/,
      ': must be a finite number, got $1',
    );
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
