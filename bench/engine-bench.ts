import { buildDataset } from '../src-shared/data/index.ts';
import type { Experiment } from '../src-shared/experiment.ts';
import { ExperimentRunner, runToEnd } from '../src-shared/experiment-runner.ts';
import { findPreset } from '../src-shared/presets.ts';

// Training speed on the exercise 2 and 3 presets: their data, network and
// training settings, shortened to EPOCHS epochs. Every epoch includes the
// end-of-epoch evaluation on the training and test parts, as in a real run;
// building the data set is outside the timing (it is benchmarked on its own).

const EPOCHS = 200;
const RUNS = 5;
const PRESETS = ['exercise-2', 'exercise-3'];

/** Seconds for EPOCHS epochs of a fresh network seeded with `seed`. */
function timeRun(
  experiment: Experiment,
  dataset: ReturnType<typeof buildDataset>,
  seed: number,
): number {
  const shortened: Experiment = {
    ...experiment,
    training: { ...experiment.training, epochs: EPOCHS, seed },
  };
  const runner = new ExperimentRunner(shortened, dataset);

  const start = performance.now();
  runToEnd(runner);
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Prints epochs and samples per second for the exercise 2 and 3 presets. */
export async function benchEngine(): Promise<void> {
  for (const name of PRESETS) {
    const preset = findPreset(name);
    if (!preset) throw new Error(`bench: no preset named ${name}`);
    const dataset = buildDataset(preset.experiment.dataset);
    const nTrain = Math.round(
      dataset.nSamples * (1 - preset.experiment.split.testFraction),
    );
    timeRun(preset.experiment, dataset, 0);

    const seconds: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      seconds.push(timeRun(preset.experiment, dataset, run));
    }

    const mid = median(seconds);
    const epochsPerSecond = EPOCHS / mid;
    const samplesPerSecond = (EPOCHS * nTrain) / mid;
    console.log(
      `Bench: ${name}: ` +
        `${epochsPerSecond.toFixed(0)} epochs/s, ` +
        `${Math.round(samplesPerSecond)} training samples/s ` +
        `(median of ${RUNS} runs of ${EPOCHS} epochs, ` +
        `${(mid * 1000).toFixed(0)} ms each)`,
    );
  }
}
