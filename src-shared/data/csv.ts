// CSV files as data sets: a header row, one label column (strings or
// numbers), numeric feature columns. Values stream from papaparse, chunk by
// chunk, straight into a Float64Array sized from the line count (doubling if
// ever short), so a million rows parse in linear time. Errors name the line
// (the header is line 1) and the column.

import Papa from 'papaparse';
import type { Dataset } from './dataset.ts';

/** Which columns hold the label and the features. */
export interface CsvOptions {
  labelColumn: string;
  /** Feature columns by header name; every other column when absent. */
  featureColumns?: string[];
}

/** A parsed CSV file: the data set, the header as written, the row count. */
export interface CsvResult {
  dataset: Dataset;
  header: string[];
  rows: number;
}

/** How the chunked parser hands control back to its caller. */
export interface CsvChunking {
  /** Characters of text parsed between two pauses; about a million by default. */
  chunkSize?: number;
  /** Awaited at each pause; by default lets the event loop run once. */
  pause?: (rowsSoFar: number) => Promise<void>;
}

const DELIMITERS = [',', ';', '\t'];

/** Exact powers of ten: every one up to 1e22 is representable. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal like `-12.5` read directly, or NaN for anything else
 * (exponents, spaces, long mantissas) to be left to `Number`. With at most
 * 15 digits the mantissa is an exact integer and the power of ten is exact,
 * so the one division rounds correctly and the result equals `Number(cell)`.
 */
function parseDecimal(cell: string): number {
  const length = cell.length;
  let i = 0;
  let negative = false;
  const first = cell.charCodeAt(0);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = 1;
  }

  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < length; i++) {
    const code = cell.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (code === 46 && fraction < 0) {
      fraction = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;

  const value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
  return negative ? -value : value;
}

/** Turns header and data rows into a data set, one row at a time. */
class CsvAccumulator {
  header: string[] | null = null;
  /** The delimiter papaparse detected, known after the first record. */
  delimiter = ',';
  /** Data rows kept so far. */
  rows = 0;
  /** Records seen so far, the header and blank lines included. */
  records = 0;
  private labelIndex = -1;
  private featureIndex: number[] = [];
  private X = new Float64Array(0);
  private labels = new Int32Array(0);
  private readonly labelIds = new Map<string, number>();
  private readonly capacityHint: number;

  constructor(
    private readonly text: string,
    private readonly options: CsvOptions,
  ) {
    // Records never outnumber lines, so counting newlines gives room for
    // every row up front; growing by doubling stays as the fallback.
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      lines++;
    }
    this.capacityHint = lines;
  }

  /** Takes the next record of the file. */
  add(record: string[]): void {
    const index = this.records++;
    if (this.header === null) {
      this.readHeader(record);
      return;
    }

    // A blank line carries no data; skipping it keeps a trailing newline
    // from counting as a ragged row.
    if (record.length === 1 && record[0].trim() === '') return;

    const header = this.header;
    if (record.length !== header.length) this.refuseRagged(record, index);

    const nFeatures = this.featureIndex.length;
    if ((this.rows + 1) * nFeatures > this.X.length) this.grow();
    const base = this.rows * nFeatures;
    for (let j = 0; j < nFeatures; j++) {
      const column = this.featureIndex[j];
      const cell = record[column];
      let value = parseDecimal(cell);
      if (value !== value) {
        value = +cell;

        // `+''` and `+'  '` are 0, so zeros need a second look.
        if (!Number.isFinite(value) || (value === 0 && cell.trim() === '')) {
          this.refuseCell(index, column, cell);
        }
      }
      this.X[base + j] = value;
    }

    const label = record[this.labelIndex].trim();
    if (label === '') this.refuseCell(index, this.labelIndex, label);
    let id = this.labelIds.get(label);
    if (id === undefined) {
      id = this.labelIds.size;
      this.labelIds.set(label, id);
    }
    this.labels[this.rows] = id;
    this.rows++;
  }

  /** Throws with the line number and column name of a bad cell. */
  private refuseCell(index: number, column: number, cell: string): never {
    const where = `line ${this.lineOf(index)}, column "${this.header![column]}"`;
    if (cell.trim() === '') throw new Error(`${where}: the value is missing`);
    const what = column === this.labelIndex ? 'label' : 'feature';
    throw new Error(`${where}: ${what} "${cell}" is not a finite number`);
  }

  /** Throws for a row with too few or too many fields. */
  private refuseRagged(record: string[], index: number): never {
    const header = this.header!;
    const line = this.lineOf(index);
    if (record.length < header.length) {
      throw new Error(
        `line ${line}, column "${header[record.length]}": the value is missing ` +
          `(the row has ${record.length} fields, the header ${header.length})`,
      );
    }
    throw new Error(
      `line ${line}, column ${header.length + 1}: a value beyond the ` +
        `${header.length} header columns`,
    );
  }

  /**
   * The 1-based line where record `index` (0 is the header) begins. Quoted
   * fields may span lines, so the records before it are parsed again to
   * find its offset; this runs only when reporting an error.
   */
  lineOf(index: number): number {
    let start = 0;
    if (index > 0) {
      Papa.parse<string[]>(this.text, {
        delimiter: this.delimiter,
        preview: index,
        step: (result) => {
          start = result.meta.cursor;
        },
      });
    }

    let line = 1;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < start;) {
      line++;
      i = this.text.indexOf('\n', i + 1);
    }
    return line;
  }

  /** Checks the header and resolves the label and feature columns. */
  private readHeader(record: string[]): void {
    const header = record.map((name) => name.trim());
    const list = header.map((name) => `"${name}"`).join(', ');
    const seen = new Set<string>();
    header.forEach((name, i) => {
      if (name === '') {
        throw new Error(`line 1, column ${i + 1}: the header name is empty`);
      }
      if (seen.has(name)) {
        throw new Error(`line 1, column "${name}": the name appears twice`);
      }
      seen.add(name);
    });

    const { labelColumn, featureColumns } = this.options;
    this.labelIndex = header.indexOf(labelColumn);
    if (this.labelIndex < 0) {
      throw new Error(
        `labelColumn: no column "${labelColumn}"; the header has ${list}`,
      );
    }

    if (featureColumns === undefined) {
      this.featureIndex = header
        .map((_, i) => i)
        .filter((i) => i !== this.labelIndex);
    } else {
      this.featureIndex = featureColumns.map((name, k) => {
        const i = header.indexOf(name);
        if (i < 0) {
          throw new Error(
            `featureColumns.${k}: no column "${name}"; the header has ${list}`,
          );
        }
        if (i === this.labelIndex) {
          throw new Error(`featureColumns.${k}: "${name}" is the label column`);
        }
        if (featureColumns.indexOf(name) !== k) {
          throw new Error(`featureColumns.${k}: "${name}" is listed twice`);
        }
        return i;
      });
    }
    if (this.featureIndex.length === 0) {
      throw new Error(
        `featureColumns: no feature column; the header has ${list}`,
      );
    }
    this.header = header;
  }

  /** Doubles the room for rows. */
  private grow(): void {
    const nFeatures = this.featureIndex.length;
    const capacity = Math.max(
      this.labels.length === 0 ? this.capacityHint : 0,
      1024,
      2 * this.labels.length,
    );
    const X = new Float64Array(capacity * nFeatures);
    X.set(this.X);
    const labels = new Int32Array(capacity);
    labels.set(this.labels);
    this.X = X;
    this.labels = labels;
  }

  /** The finished data set, classes sorted numerically or by text. */
  finish(): CsvResult {
    if (this.header === null) throw new Error('line 1: the file is empty');
    if (this.rows === 0) {
      throw new Error('line 2: the file has a header but no data rows');
    }

    const names = [...this.labelIds.keys()];
    const numeric = names.every((name) => Number.isFinite(+name));

    // Numeric labels are compared as numbers, so "1" and "1.0" are one class.
    const keys = numeric ? names.map((name) => String(+name)) : names;
    const classNames = [...new Set(keys)].sort(
      numeric ? (a, b) => +a - +b : undefined,
    );
    const classOf = new Int32Array(names.length);
    keys.forEach((key, id) => (classOf[id] = classNames.indexOf(key)));

    const y = new Int32Array(this.rows);
    for (let i = 0; i < this.rows; i++) y[i] = classOf[this.labels[i]];
    const nFeatures = this.featureIndex.length;

    // A view avoids copying a big file's values when little room is unused.
    const used = this.rows * nFeatures;
    const X =
      used >= 0.9 * this.X.length
        ? this.X.subarray(0, used)
        : this.X.slice(0, used);

    return {
      dataset: {
        X,
        y,
        nSamples: this.rows,
        nFeatures,
        classNames,
        featureNames: this.featureIndex.map((i) => this.header![i]),
      },
      header: this.header,
      rows: this.rows,
    };
  }
}

/** Characters handed to papaparse at a time: large enough to amortize. */
const DEFAULT_CHUNK_SIZE = 1 << 20;

/** Adds one chunk of parsed records, refusing unbalanced quotes. */
function consume(
  accumulator: CsvAccumulator,
  result: Papa.ParseResult<string[]>,
): void {
  accumulator.delimiter = result.meta.delimiter;
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const line = accumulator.lineOf(
      accumulator.records + (quoteError.row ?? 0),
    );
    throw new Error(`line ${line}: ${quoteError.message}`);
  }
  for (const record of result.data) accumulator.add(record);
}

/**
 * Runs papaparse over `text` chunk by chunk. Its typings declare chunking
 * for files only, but a string is chunked the same way, synchronously until
 * the parser is paused.
 */
function parseInChunks(
  text: string,
  chunkSize: number,
  chunk: (result: Papa.ParseResult<string[]>, parser: Papa.Parser) => void,
  complete: () => void = () => {},
): void {
  Papa.parse<string[]>(text, {
    delimitersToGuess: DELIMITERS,
    chunkSize,
    chunk,
    complete,
  });
}

/** Parses CSV text into a data set, or throws naming the line and column. */
export function parseCsvDataset(text: string, options: CsvOptions): CsvResult {
  const accumulator = new CsvAccumulator(text, options);
  parseInChunks(text, DEFAULT_CHUNK_SIZE, (result) =>
    consume(accumulator, result),
  );
  return accumulator.finish();
}

/**
 * Parses like `parseCsvDataset`, handing control back to the caller after
 * each chunk of text so that a user interface stays responsive.
 */
export function parseCsvDatasetChunked(
  text: string,
  options: CsvOptions,
  chunking: CsvChunking = {},
): Promise<CsvResult> {
  const pause =
    chunking.pause ??
    (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const accumulator = new CsvAccumulator(text, options);

  return new Promise<CsvResult>((resolve, reject) => {
    let failed = false;

    // Papa reports an abort through `complete` too, so a failure is
    // recorded before aborting and `complete` then stays silent.
    const fail = (error: unknown, parser?: Papa.Parser) => {
      failed = true;
      reject(error);
      parser?.abort();
    };

    const chunk = (result: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      try {
        consume(accumulator, result);
      } catch (error) {
        fail(error, parser);
        return;
      }

      parser.pause();
      pause(accumulator.rows).then(
        () => {
          try {
            parser.resume();
          } catch (error) {
            fail(error, parser);
          }
        },
        (error: unknown) => fail(error, parser),
      );
    };

    const complete = () => {
      if (failed) return;
      try {
        resolve(accumulator.finish());
      } catch (error) {
        fail(error);
      }
    };

    parseInChunks(
      text,
      chunking.chunkSize ?? DEFAULT_CHUNK_SIZE,
      chunk,
      complete,
    );
  });
}
