import * as v from 'valibot';
import {
  ExperimentSchema,
  type Experiment,
} from '../../src-shared/experiment.ts';
import { findPreset, presets } from '../../src-shared/presets.ts';
import {
  InitialStateSchema,
  type InitialState,
} from '../../src-shared/trainer-protocol.ts';
import {
  intOption,
  oneOf,
  parseInput,
  readJsonFile,
  UsageError,
  type OptionValues,
} from './args.ts';

// The command line's experiment files: an Experiment, optionally with the
// state to start from, e.g.
//   { "dataset": {...}, "split": {...}, "preprocessing": {...},
//     "network": {...}, "training": {...},
//     "initial": { "network": <a model file's "network"> } }
// `initial` may also carry optimizerState, epochsDone and history to
// continue a run exactly.

/** An experiment file as the command line reads it. */
export const ExperimentFileSchema = v.strictObject({
  ...ExperimentSchema.entries,
  initial: v.optional(v.nullable(InitialStateSchema)),
});

/** An experiment and the state it starts from. */
export interface ResolvedExperiment {
  experiment: Experiment;
  initial: InitialState | null;
  /** Where it came from, for messages: `preset exercise-2` or a path. */
  source: string;
}

/** The experiment named by --preset or --experiment, with --epochs/--seed. */
export function resolveExperiment(values: OptionValues): ResolvedExperiment {
  const which = oneOf(values, ['preset', 'experiment']);
  const resolved =
    which === 'preset'
      ? presetExperiment(values.preset as string)
      : fileExperiment(values.experiment as string);
  return {
    ...resolved,
    experiment: withOverrides(resolved.experiment, values),
  };
}

/** An experiment given by --preset or --experiment, if either is. */
export function optionalExperiment(
  values: OptionValues,
): ResolvedExperiment | null {
  if (values.preset === undefined && values.experiment === undefined) {
    return null;
  }
  return resolveExperiment(values);
}

function presetExperiment(name: string): ResolvedExperiment {
  const preset = findPreset(name);
  if (!preset) {
    const names = presets.map((p) => p.name).join(', ');
    throw new UsageError(`--preset: no preset "${name}" (try ${names})`);
  }
  return {
    experiment: structuredClone(preset.experiment),
    initial: null,
    source: `preset ${name}`,
  };
}

function fileExperiment(path: string): ResolvedExperiment {
  const json = readJsonFile('--experiment', path);
  const file = parseInput('--experiment', path, ExperimentFileSchema, json);
  const { initial, ...experiment } = file;
  return { experiment, initial: initial ?? null, source: path };
}

/** `experiment` with --epochs and --seed applied. */
export function withOverrides(
  experiment: Experiment,
  values: OptionValues,
): Experiment {
  const epochs = intOption(values, 'epochs', 1);
  const seed = intOption(values, 'seed', 0);
  return {
    ...experiment,
    training: {
      ...experiment.training,
      ...(epochs !== undefined ? { epochs } : {}),
      ...(seed !== undefined ? { seed } : {}),
    },
  };
}
