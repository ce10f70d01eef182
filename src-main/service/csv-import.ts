import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { parseCsvDatasetChunked } from '../../src-shared/data/index.ts';
import type { CsvImport, CsvSource } from '../../src-shared/lab-api.ts';
import type { CsvRecipe } from '../../src-shared/recipe.ts';
import { writeFileAtomic } from './atomic-write.ts';

// Importing a CSV: the text is read (or stored first, when it came from a
// browser without a path, so that the recipe can name a real file), every
// cell is checked, and a sample of rows comes back for plotting.

/** Most rows a preview carries. */
export const PREVIEW_ROWS = 5000;
/** Largest CSV file accepted. */
export const MAX_CSV_BYTES = 512 * 1024 * 1024;

/** What to import and how. */
export interface CsvImportRequest {
  source: CsvSource;
  labelColumn?: string;
  featureColumns?: string[];
}

/** Reads, checks and summarizes a CSV; text sources are stored in dataDir. */
export async function importCsv(
  dataDir: string,
  request: CsvImportRequest,
): Promise<CsvImport> {
  const { path, text } = await sourceText(dataDir, request.source);
  const labelColumn = request.labelColumn ?? lastColumn(text);
  // Parsed in chunks that yield to the event loop, so a file of a million
  // rows keeps the host answering other calls while it is checked.
  const { dataset, header, rows } = await parseCsvDatasetChunked(text, {
    labelColumn,
    ...(request.featureColumns
      ? { featureColumns: request.featureColumns }
      : {}),
  });

  const recipe: CsvRecipe = { kind: 'csv', path, labelColumn };
  if (request.featureColumns) recipe.featureColumns = request.featureColumns;
  return {
    recipe,
    header,
    rows,
    classNames: dataset.classNames,
    featureNames: dataset.featureNames,
    preview: previewRows(dataset.X, dataset.y, dataset.nFeatures),
  };
}

async function sourceText(
  dataDir: string,
  source: CsvSource,
): Promise<{ path: string; text: string }> {
  if ('path' in source) {
    const path = resolve(source.path);
    const info = await stat(path);
    if (info.size > MAX_CSV_BYTES) {
      throw new Error(`${path}: is larger than ${MAX_CSV_BYTES} bytes`);
    }
    return { path, text: await readFile(path, 'utf8') };
  }

  const folder = join(dataDir, 'datasets');
  await mkdir(folder, { recursive: true });
  const hash = createHash('sha256').update(source.text).digest('hex');
  const path = join(
    folder,
    `${safeName(source.name)}-${hash.slice(0, 12)}.csv`,
  );
  await writeFileAtomic(path, source.text);
  return { path, text: source.text };
}

/** A file-name stem made of safe characters only. */
export function safeName(name: string): string {
  const stem = name.replace(/\.csv$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-');
  const trimmed = stem.replace(/^-+|-+$/g, '').slice(0, 60);
  return trimmed || 'data';
}

function lastColumn(text: string): string {
  const parsed = Papa.parse<string[]>(text, {
    preview: 1,
    skipEmptyLines: true,
  });
  const header = parsed.data[0];
  if (!header || header.length === 0) {
    throw new Error('line 1: the CSV has no header row');
  }
  return header[header.length - 1].trim();
}

/** Up to PREVIEW_ROWS rows taken evenly across the data set. */
function previewRows(
  X: Float64Array,
  y: Int32Array,
  nFeatures: number,
): CsvImport['preview'] {
  const n = y.length;
  const count = Math.min(n, PREVIEW_ROWS);
  const preview: CsvImport['preview'] = { X: [], y: [] };
  for (let r = 0; r < count; r++) {
    const i = Math.floor((r * n) / count);
    preview.X.push(Array.from(X.subarray(i * nFeatures, (i + 1) * nFeatures)));
    preview.y.push(y[i]);
  }
  return preview;
}
