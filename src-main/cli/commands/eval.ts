import { readFileSync } from 'node:fs';
import { buildDataset } from '../../../src-shared/data/index.ts';
import type { Experiment } from '../../../src-shared/experiment.ts';
import {
  evaluateModel,
  prepareExperiment,
  type ModelEvaluation,
  type PartEvaluation,
} from '../../../src-shared/experiment-run.ts';
import { parseModelFile } from '../../../src-shared/model-file.ts';
import type { ModelFile } from '../../../src-shared/model-schema.ts';
import { readTextFile, stringOption, UsageError } from '../args.ts';
import { write, type Command } from '../command.ts';
import { optionalExperiment } from '../experiment-file.ts';

// `mlp-lab eval`: a saved model's figures on a data set.

/** Evaluates a model file on its own data or on another experiment's. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'accuracy, loss and confusion matrix of a model file',
  help:
    'Usage: mlp-lab eval --model FILE ' +
    `[--preset NAME | --experiment FILE] [options]

Prints accuracy, loss, the confusion matrix and per-class precision and
recall on the training and test parts of a data set. Without --preset or
--experiment it uses the data set and split recorded in the model file, and
reproduces the figures of the run's last epoch exactly.

  --model FILE       the model file
  --preset NAME      evaluate on a preset's data set and split
  --experiment FILE  evaluate on an experiment file's data set and split
  --seed N           split seed for --preset or --experiment
  --json             print one JSON object`,
  options: {
    model: { type: 'string' },
    preset: { type: 'string' },
    experiment: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, output) {
    const modelPath = stringOption(values, 'model');
    if (modelPath === undefined) throw new UsageError('needs --model FILE');
    const parsed = parseModelFile(readTextFile('--model', modelPath));
    if (!parsed.ok)
      throw new UsageError(`--model ${modelPath}: ${parsed.error}`);
    const model = parsed.value;

    const other = optionalExperiment(values);
    if (!other && values.seed !== undefined) {
      throw new UsageError(
        '--seed: only applies with --preset or --experiment',
      );
    }
    const where = other
      ? `--${values.preset ? 'preset' : 'experiment'}`
      : `--model ${modelPath}`;
    const evaluation = evaluate(model, other?.experiment ?? null, where);

    const text = values.json
      ? `${JSON.stringify(evaluation)}\n`
      : describe(evaluation);
    await write(output.stdout, text);
    return 0;
  },
};

/**
 * The model's figures on its own data, or on `other`'s data set and split
 * with the model's standardization and loss settings.
 */
function evaluate(
  model: ModelFile,
  other: Experiment | null,
  where: string,
): ModelEvaluation {
  const own = model.experiment;
  const experiment: Experiment = other
    ? {
        ...own,
        dataset: other.dataset,
        split: other.split,
        preprocessing: { standardize: model.standardization !== null },
        training: { ...own.training, seed: other.training.seed },
      }
    : own;

  try {
    const dataset = buildDataset(experiment.dataset, {
      readText: (path) => readFileSync(path, 'utf8'),
    });
    const data = prepareExperiment(
      experiment,
      dataset,
      other ? model.standardization : null,
    );
    return evaluateModel(model, data);
  } catch (error) {
    throw new UsageError(`${where}: ${(error as Error).message}`);
  }
}

function describe(evaluation: ModelEvaluation): string {
  const parts: [string, PartEvaluation | null][] = [
    ['test', evaluation.test],
    ['train', evaluation.train],
  ];
  const blocks = parts.map(([name, part]) =>
    part
      ? describePart(name, part, evaluation.classNames)
      : `${name}: no samples held out\n`,
  );
  return blocks.join('\n');
}

function describePart(
  name: string,
  part: PartEvaluation,
  classNames: string[],
): string {
  const width = Math.max(11, ...classNames.map((c) => c.length + 2));
  const pad = (text: string) => text.padStart(width);
  const ratio = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

  const accuracy = (part.accuracy * 100).toFixed(2);
  const loss = part.loss.toFixed(6);

  const lines = [
    `${name} (${part.samples} samples): ` +
      `accuracy ${accuracy}%, loss ${loss}`,
    `  confusion matrix (rows: actual, columns: predicted)`,
    `  ${pad('')}${classNames.map(pad).join('')}`,
    ...part.confusion.map(
      (row, c) =>
        `  ${pad(classNames[c])}${row.map((n) => pad(String(n))).join('')}`,
    ),
    `  ${pad('class')}${pad('precision')}${pad('recall')}`,
    ...part.classes.map(
      (scores, c) =>
        `  ${pad(classNames[c])}` +
        `${pad(ratio(scores.precision))}${pad(ratio(scores.recall))}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
