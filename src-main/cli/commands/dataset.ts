import { readFileSync } from 'node:fs';
import { buildDataset, type Dataset } from '../../../src-shared/data/index.ts';
import { RecipeSchema } from '../../../src-shared/recipe.ts';
import { writeFileAtomic } from '../../service/atomic-write.ts';
import {
  fileProblem,
  parseInput,
  readJsonFile,
  stringOption,
  UsageError,
} from '../args.ts';
import { write, type Command } from '../command.ts';

// `mlp-lab dataset`: a recipe's data set written out in full.

/** Generates the data set a recipe describes, as JSON or CSV. */
export const datasetCommand: Command = {
  name: 'dataset',
  summary: 'generate the data set of a recipe as JSON or CSV',
  help: `Usage: mlp-lab dataset --recipe FILE [--format json|csv] [--out FILE]

Builds the data set a recipe describes (makeClassification, circles, moons,
xor, spiral, gaussians, csv, inline or perClass) and writes it in full.
A file holding a whole experiment is accepted: its "dataset" is used.

  --recipe FILE    the recipe JSON file
  --format FORMAT  json (default): { "X": [[...]], "y": [...] } with every
                   number in shortest round-trip form; csv: a header
                   x0,...,xN,label and one row per sample
  --out FILE       write there instead of standard output`,
  options: {
    recipe: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, output) {
    const path = stringOption(values, 'recipe');
    if (path === undefined) throw new UsageError('needs --recipe FILE');
    const format = stringOption(values, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') {
      throw new UsageError(`--format: must be json or csv, not "${format}"`);
    }

    const json = readJsonFile('--recipe', path);
    const recipe = parseInput('--recipe', path, RecipeSchema, recipeOf(json));
    let dataset: Dataset;
    try {
      dataset = buildDataset(recipe, {
        readText: (file) => readFileSync(file, 'utf8'),
      });
    } catch (error) {
      throw new UsageError(`--recipe ${path}: ${(error as Error).message}`);
    }

    const text = format === 'json' ? datasetJson(dataset) : datasetCsv(dataset);
    const outPath = stringOption(values, 'out');
    if (outPath === undefined) {
      await write(output.stdout, text);
      return 0;
    }
    try {
      await writeFileAtomic(outPath, text);
    } catch (error) {
      throw new UsageError(`--out ${outPath}: ${fileProblem(error)}`);
    }
    return 0;
  },
};

/** The recipe in a recipe file, or in an experiment file's `dataset`. */
function recipeOf(json: unknown): unknown {
  if (
    json &&
    typeof json === 'object' &&
    !('kind' in json) &&
    'dataset' in json
  ) {
    return json.dataset;
  }
  return json;
}

function rows(dataset: Dataset): number[][] {
  const { X, nSamples, nFeatures } = dataset;
  const result: number[][] = [];
  for (let i = 0; i < nSamples; i++) {
    result.push(Array.from(X.subarray(i * nFeatures, (i + 1) * nFeatures)));
  }
  return result;
}

/** `{ "X": [[...]], "y": [...] }`, one sample per line. */
export function datasetJson(dataset: Dataset): string {
  // JSON numbers are JavaScript's shortest round-trip form, so every double
  // reads back exactly.
  const lines = rows(dataset).map((row) => JSON.stringify(row));
  return `{"X": [\n${lines.join(',\n')}\n], "y": ${JSON.stringify(Array.from(dataset.y))}}\n`;
}

/** A header `x0,…,xN,label` and one line per sample. */
export function datasetCsv(dataset: Dataset): string {
  const header = [
    ...Array.from({ length: dataset.nFeatures }, (_, j) => `x${j}`),
    'label',
  ];
  const lines = rows(dataset).map((row, i) =>
    [...row.map(String), String(dataset.y[i])].join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
