// Times makeClassification on a million samples and, where scikit-learn is
// installed, the same call in Python, printing medians and their ratio.

import { execFileSync } from 'node:child_process';
import { parseCsvDataset } from '../src-shared/data/csv.ts';
import { makeClassification } from '../src-shared/data/make-classification.ts';
import { RandomState } from '../src-shared/data/numpy-random.ts';

const N_SAMPLES = 1_000_000;
const N_FEATURES = 20;
const RUNS = 5;
const PYTHON_RUNS = 3;
const CSV_ROWS = 1_000_000;
const CSV_FEATURES = 9;
const CSV_RUNS = 3;

/** The median of a non-empty list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median milliseconds of the TypeScript generator over `RUNS` runs. */
function timeTypeScript(): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    makeClassification({
      kind: 'makeClassification',
      nSamples: N_SAMPLES,
      nFeatures: N_FEATURES,
      randomState: 0,
    });
    times.push(performance.now() - start);
  }
  return median(times);
}

/** A CSV text of CSV_ROWS rows: nine 6-decimal features and a text label. */
function csvText(): string {
  const rng = new RandomState(1);
  const names = Array.from({ length: CSV_FEATURES }, (_, j) => `f${j}`);
  const lines = [[...names, 'label'].join(',')];
  for (let i = 0; i < CSV_ROWS; i++) {
    const cells = names.map(() => (100 * rng.randomSample() - 50).toFixed(6));
    cells.push(['cat', 'dog', 'emu'][i % 3]);
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** Median milliseconds to parse the CSV text over `CSV_RUNS` runs. */
function timeCsv(): number {
  const text = csvText();
  const times: number[] = [];
  for (let run = 0; run < CSV_RUNS; run++) {
    const start = performance.now();
    parseCsvDataset(text, { labelColumn: 'label' });
    times.push(performance.now() - start);
  }
  return median(times);
}

const PYTHON_SCRIPT = `
import time, statistics
from sklearn.datasets import make_classification
times = []
for _ in range(${PYTHON_RUNS}):
    start = time.perf_counter()
    make_classification(n_samples=${N_SAMPLES}, n_features=${N_FEATURES}, random_state=0)
    times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))
`;

/** The first Python interpreter that can import scikit-learn, if any. */
function findPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return python;
    } catch {
      // Not installed there; try the next interpreter.
    }
  }
  return null;
}

/** Prints the median generation times, the TypeScript/sklearn ratio and the CSV parse time. */
export async function benchData(): Promise<void> {
  benchSklearnComparison();

  const csv = timeCsv();
  console.log(
    `Bench: CSV parse ${CSV_ROWS.toLocaleString('en')} rows × ${CSV_FEATURES + 1} columns: ` +
      `${csv.toFixed(0)} ms (median of ${CSV_RUNS})`,
  );
}

/** Times makeClassification here and, where installed, in scikit-learn. */
function benchSklearnComparison(): void {
  const label = `makeClassification ${N_SAMPLES.toLocaleString('en')} × ${N_FEATURES}`;
  const ours = timeTypeScript();
  console.log(`Bench: ${label}: ${ours.toFixed(0)} ms (median of ${RUNS})`);

  const python = findPython();
  if (python === null) {
    console.log('Bench: scikit-learn is not installed; no comparison made');
    return;
  }

  const output = execFileSync(python, ['-c', PYTHON_SCRIPT], {
    encoding: 'utf8',
  });
  const theirs = Number(output.trim());
  console.log(
    `Bench: scikit-learn (${python}): ${theirs.toFixed(0)} ms (median of ${PYTHON_RUNS})`,
  );
  console.log(
    `Bench: TypeScript / scikit-learn time ratio: ${(ours / theirs).toFixed(2)}`,
  );
}
