import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src-shared/data/index.ts';
import { parseModelFile } from '../../src-shared/model-file.ts';
import { quickExperiment } from '../trainer/test-experiments.ts';

// The mlp-lab command as a user runs it: `node bin/mlp-lab.js …`.

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'mlp-lab.js');
let dir: string;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs mlp-lab from a temporary working folder. */
function lab(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function readFixture(name: string): unknown {
  return readFile(join(root, 'test-data', name), 'utf8').then(JSON.parse);
}

/** Every number in two nested structures agrees within `tolerance`. */
function expectClose(
  actual: unknown,
  expected: unknown,
  tolerance: number,
  path = '',
): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(
      tolerance,
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((item, i) =>
      expectClose((actual as unknown[])[i], item, tolerance, `${path}.${i}`),
    );
    return;
  }
  if (expected && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected)) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        value,
        tolerance,
        `${path}.${key}`,
      );
    }
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlp-lab-cli-'));
  await writeFile(join(dir, 'quick.json'), JSON.stringify(quickExperiment(8)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlp-lab step', () => {
  it('reproduces exercise 1 to 1e-12', async () => {
    const result = await lab('step', '--preset', 'exercise-1');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual([
      'output',
      'loss',
      'preActivations',
      'activations',
      'deltas',
      'gradients',
      'updated',
    ]);
    const fixture = (await readFixture('exercise-1.json')) as {
      cases: { expected: unknown }[];
    };
    expectClose(printed, fixture.cases[0].expected, 1e-12);
  });

  it('takes a named case from a file of several', async () => {
    const path = join(root, 'test-data', 'batch-steps.json');
    const result = await lab('step', '--case', path, '--name', 'deep-relu-mse');
    expect(result.code).toBe(0);
    const fixture = (await readFixture('batch-steps.json')) as {
      cases: { name: string; expected: unknown }[];
    };
    const expected = fixture.cases.find(
      (c) => c.name === 'deep-relu-mse',
    )?.expected;
    expectClose(JSON.parse(result.stdout), expected, 1e-12);
  });
});

describe('mlp-lab train and eval', () => {
  it('trains with --json and eval reproduces the last epoch exactly', async () => {
    const model = join(dir, 'model.json');
    const trained = await lab(
      'train',
      '--experiment',
      'quick.json',
      '--seed',
      '3',
      '--out',
      model,
      '--json',
    );
    expect(trained.code).toBe(0);
    const summary = JSON.parse(trained.stdout);
    expect(summary).toMatchObject({ epochs: 8, reason: 'completed' });
    expect(summary.history.trainLoss).toHaveLength(8);
    expect(summary.testAccuracy).toBe(summary.history.testAccuracy[7]);
    expect(summary.seconds).toBeGreaterThan(0);

    const saved = parseModelFile(await readFile(model, 'utf8'));
    expect(saved.ok).toBe(true);
    expect(saved.ok && saved.value.experiment.training.seed).toBe(3);
    expect(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
    ).toEqual([]);

    const evaluated = await lab('eval', '--model', model, '--json');
    expect(evaluated.code).toBe(0);
    const figures = JSON.parse(evaluated.stdout);
    expect(figures.train.accuracy).toBe(summary.trainAccuracy);
    expect(figures.train.loss).toBe(summary.trainLoss);
    expect(figures.test.accuracy).toBe(summary.testAccuracy);
    expect(figures.test.loss).toBe(summary.testLoss);
    expect(figures.test.samples).toBe(10);
    const counted = figures.test.confusion
      .flat()
      .reduce((a: number, b: number) => a + b, 0);
    expect(counted).toBe(10);
  });

  it('prints a human summary without --json', async () => {
    const result = await lab(
      'train',
      '--experiment',
      'quick.json',
      '--epochs',
      '2',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^completed: /);
    expect(result.stdout).toMatch(/epochs +2/);
    expect(result.stdout).toMatch(/test accuracy +\d+\.\d\d%/);
  });
});

describe('mlp-lab dataset', () => {
  it('writes JSON that reads back to the exact doubles and CSV with a header', async () => {
    const recipe = join(dir, 'recipe.json');
    await writeFile(
      recipe,
      JSON.stringify({
        kind: 'makeClassification',
        nSamples: 30,
        nFeatures: 3,
        nInformative: 2,
        nRedundant: 0,
        randomState: 5,
      }),
    );
    const json = await lab('dataset', '--recipe', recipe);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout);
    const built = buildDataset(JSON.parse(await readFile(recipe, 'utf8')));
    expect(data.X.flat()).toEqual(Array.from(built.X));
    expect(data.y).toEqual(Array.from(built.y));
    expect(data.X).toHaveLength(30);

    const csv = await lab(
      'dataset',
      '--recipe',
      recipe,
      '--format',
      'csv',
      '--out',
      'data.csv',
    );
    expect(csv.code).toBe(0);
    const lines = (await readFile(join(dir, 'data.csv'), 'utf8'))
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('x0,x1,x2,label');
    expect(lines).toHaveLength(31);
    const first = lines[1].split(',').map(Number);
    expect(first).toEqual([...data.X[0], data.y[0]]);
  });
});

describe('mlp-lab bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['fly'], /^mlp-lab: unknown command "fly"/],
    [
      'an unknown preset',
      ['train', '--preset', 'nope'],
      /^mlp-lab: --preset: no preset "nope"/,
    ],
    [
      'an unknown option',
      ['train', '--preset', 'exercise-2', '--fast'],
      /^mlp-lab: train: unknown option --fast$/,
    ],
    [
      'a missing option value',
      ['train', '--preset'],
      /^mlp-lab: train: --preset: needs a value$/,
    ],
    [
      'an unreadable file',
      ['train', '--experiment', 'absent.json'],
      /^mlp-lab: --experiment absent\.json: no such file$/,
    ],
    [
      'invalid JSON',
      ['train', '--experiment', 'broken.json'],
      /^mlp-lab: --experiment broken\.json: invalid JSON: /,
    ],
    [
      'a schema violation',
      ['train', '--experiment', 'zero-rate.json'],
      /^mlp-lab: --experiment zero-rate\.json: training\.learningRate: must be greater than 0$/,
    ],
    [
      'a bad --epochs',
      ['train', '--preset', 'exercise-2', '--epochs', 'many'],
      /^mlp-lab: --epochs: "many" is not an integer$/,
    ],
    [
      'a bad recipe',
      ['dataset', '--recipe', 'bad-recipe.json'],
      /^mlp-lab: --recipe bad-recipe\.json: nSamples: /,
    ],
    [
      'a corrupt model',
      ['eval', '--model', 'broken.json'],
      /^mlp-lab: --model broken\.json: /,
    ],
    [
      'a missing step case',
      ['step', '--case', 'absent.json'],
      /^mlp-lab: --case absent\.json: no such file$/,
    ],
    [
      'a data set the trainer cannot build',
      ['train', '--experiment', 'no-csv.json'],
      /^mlp-lab: .*absent\.csv/,
    ],
  ];

  beforeAll(async () => {
    const zero = quickExperiment(2);
    zero.training.learningRate = 0;
    const noCsv = quickExperiment(2);
    noCsv.dataset = {
      kind: 'csv',
      path: join(dir, 'absent.csv'),
      labelColumn: 'label',
    };
    await Promise.all([
      writeFile(join(dir, 'broken.json'), '{"dataset": '),
      writeFile(join(dir, 'zero-rate.json'), JSON.stringify(zero)),
      writeFile(
        join(dir, 'bad-recipe.json'),
        JSON.stringify({ kind: 'makeClassification', nSamples: -4 }),
      ),
      writeFile(join(dir, 'no-csv.json'), JSON.stringify(noCsv)),
    ]);
  });

  it.each(cases)(
    'reports %s with exit code 2 and one line',
    async (_name, args, message) => {
      const result = await lab(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    },
  );
});

describe('mlp-lab presets and help', () => {
  it('lists one preset per line', async () => {
    const result = await lab('presets');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^exercise-2 +\S/);
    expect(lines.map((line) => line.split(/\s+/)[0])).toContain(
      'exercise-3-adam',
    );
  });

  it('prints help for a command', async () => {
    const result = await lab('train', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: mlp-lab train/);
  });
});
