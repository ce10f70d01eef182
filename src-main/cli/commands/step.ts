import {
  gradientStep,
  networkFromStepCase,
} from '../../../src-shared/engine/index.ts';
import { exercise1Case } from '../../../src-shared/presets.ts';
import { oneOf, readJsonFile, stringOption, UsageError } from '../args.ts';
import { write, type Command } from '../command.ts';

// `mlp-lab step`: one gradient step laid bare, as the step inspector shows.

/** Step cases that --preset accepts. */
const stepPresets: Record<string, unknown> = { 'exercise-1': exercise1Case };

/** Prints every intermediate value of one plain gradient step. */
export const stepCommand: Command = {
  name: 'step',
  summary: 'one gradient step with every intermediate value, as JSON',
  help: `Usage: mlp-lab step (--case FILE [--name NAME] | --preset exercise-1)

Computes one plain gradient step and prints one JSON object with the keys
output, loss, preActivations, activations, deltas, gradients and updated.

  --case FILE    a step case: layerSizes, hiddenActivations, outputActivation,
                 loss, learningRate, X, Y and layers (weights [fanIn][fanOut],
                 bias), or { "cases": [...] } holding several
  --name NAME    the case to use from a file of several (default: the first)
  --preset NAME  a built-in case: exercise-1`,
  options: {
    case: { type: 'string' },
    name: { type: 'string' },
    preset: { type: 'string' },
  },
  async run(values, output) {
    const which = oneOf(values, ['case', 'preset']);
    const where = which === 'case' ? `--case ${values.case}` : '--preset';
    const input =
      which === 'case'
        ? pickCase(
            readJsonFile('--case', values.case as string),
            stringOption(values, 'name'),
            where,
          )
        : presetCase(values.preset as string, stringOption(values, 'name'));

    const parsed = networkFromStepCase(input);
    if (!parsed.ok) throw new UsageError(`${where}: ${parsed.error}`);
    const { network, X, Y, learningRate, l2 } = parsed.value;
    const trace = gradientStep(network, X, Y, learningRate, l2);

    const result = {
      output: trace.output,
      loss: trace.loss,
      preActivations: trace.preActivations,
      activations: trace.activations,
      deltas: trace.deltas,
      gradients: trace.gradients,
      updated: trace.updated,
    };
    await write(output.stdout, `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};

function presetCase(name: string, caseName: string | undefined): unknown {
  if (caseName !== undefined) {
    throw new UsageError('--name: only applies to --case files');
  }
  const found = stepPresets[name];
  if (!found) {
    const names = Object.keys(stepPresets).join(', ');
    throw new UsageError(`--preset: no step case "${name}" (try ${names})`);
  }
  return found;
}

/** The case named `name` (or the first) of a file holding one or several. */
function pickCase(
  json: unknown,
  name: string | undefined,
  path: string,
): unknown {
  const cases = (json as { cases?: unknown })?.cases;
  if (cases === undefined) {
    if (name !== undefined) {
      throw new UsageError(
        `${path}: --name given but the file holds one case, not "cases"`,
      );
    }
    return json;
  }
  if (!Array.isArray(cases) || cases.length === 0) {
    throw new UsageError(`${path}: cases: must be a non-empty array`);
  }
  if (name === undefined) return cases[0];
  const found = cases.find((c) => (c as { name?: unknown })?.name === name);
  if (!found) {
    const names = cases.map((c) => (c as { name?: unknown })?.name).join(', ');
    throw new UsageError(`--name: no case "${name}" (the file has ${names})`);
  }
  return found;
}
