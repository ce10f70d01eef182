import { serializeModelFile } from '../../../src-shared/model-file.ts';
import type { ModelFile } from '../../../src-shared/model-schema.ts';
import { writeFileAtomic } from '../../service/atomic-write.ts';
import { fileProblem, stringOption, UsageError } from '../args.ts';
import { write, type Command } from '../command.ts';
import { resolveExperiment } from '../experiment-file.ts';
import { formatSeconds, ProgressBar } from '../progress-bar.ts';
import { runInTrainer } from '../run-trainer.ts';

// `mlp-lab train`: one run in a trainer child process.

/** Trains a preset or an experiment file and reports the result. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train a preset or an experiment file in a trainer process',
  help: `Usage: mlp-lab train (--preset NAME | --experiment FILE) [options]

Trains in a separate trainer process, showing progress on a terminal, then
prints train/test accuracy and loss, epochs, seconds and why it ended.

  --preset NAME      a built-in experiment (see mlp-lab presets)
  --experiment FILE  an experiment JSON file: dataset, split, preprocessing,
                     network, training, and optionally "initial":
                     { "network": <a model file's network> } to start from
                     given weights (add optimizerState, epochsDone and
                     history to continue a run exactly)
  --epochs N         train N epochs instead of the experiment's number
  --seed N           seed weight init, split and batch order (a preset's
                     data-set recipe keeps its own random state)
  --out FILE         write the model file there
  --json             print one JSON object: trainAccuracy, testAccuracy,
                     trainLoss, testLoss, epochs, seconds, reason, history

Ctrl-C stops the run and keeps the model of the last finished epoch.`,
  options: {
    preset: { type: 'string' },
    experiment: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, output) {
    const { experiment, initial } = resolveExperiment(values);
    const outPath = stringOption(values, 'out');
    const stderr = output.stderr as NodeJS.WriteStream;
    const bar = stderr.isTTY ? new ProgressBar(stderr) : null;

    const done = await runInTrainer(experiment, initial, {
      onStarted: (message) => bar?.begin(message.firstEpoch, message.lastEpoch),
      onProgress: (message) => {
        const last = message.epochs.at(-1);
        if (last) bar?.update(last, message.elapsedSeconds);
      },
    }).finally(() => bar?.end());

    if (outPath !== undefined) await saveModel(outPath, done.model);
    const summary = runSummary(done.model, done.reason);
    if (values.json) {
      await write(output.stdout, `${JSON.stringify(summary)}\n`);
    } else {
      await write(output.stdout, describe(summary, done.message, outPath));
    }
    return 0;
  },
};

/** The figures `train --json` prints. */
export interface TrainSummary {
  trainAccuracy: number | null;
  testAccuracy: number | null;
  trainLoss: number | null;
  testLoss: number | null;
  epochs: number;
  seconds: number;
  reason: string;
  history: ModelFile['history'];
}

/** The last epoch's figures of a model's history. */
export function runSummary(model: ModelFile, reason: string): TrainSummary {
  const { history } = model;
  return {
    trainAccuracy: history.trainAccuracy.at(-1) ?? null,
    testAccuracy: history.testAccuracy.at(-1) ?? null,
    trainLoss: history.trainLoss.at(-1) ?? null,
    testLoss: history.testLoss.at(-1) ?? null,
    epochs: model.epochsDone,
    seconds: history.seconds.at(-1) ?? 0,
    reason,
    history,
  };
}

async function saveModel(path: string, model: ModelFile): Promise<void> {
  try {
    await writeFileAtomic(path, serializeModelFile(model));
  } catch (error) {
    throw new UsageError(`--out ${path}: ${fileProblem(error)}`);
  }
}

function describe(
  summary: TrainSummary,
  message: string,
  outPath: string | undefined,
): string {
  const percent = (x: number | null) =>
    x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`;
  const loss = (x: number | null) => (x === null ? 'n/a' : x.toFixed(6));
  const lines = [
    `${summary.reason}: ${message}`,
    `  epochs          ${summary.epochs}`,
    `  time            ${formatSeconds(summary.seconds)} (${summary.seconds.toFixed(2)} s)`,
    `  train accuracy  ${percent(summary.trainAccuracy)}   loss ${loss(summary.trainLoss)}`,
    `  test accuracy   ${percent(summary.testAccuracy)}   loss ${loss(summary.testLoss)}`,
  ];
  if (outPath !== undefined) lines.push(`  model written to ${outPath}`);
  return `${lines.join('\n')}\n`;
}
