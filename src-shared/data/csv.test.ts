import { describe, expect, it } from 'vitest';
import { parseCsvDataset, parseCsvDatasetChunked } from './csv.ts';

const label = { labelColumn: 'label' };

describe('parseCsvDataset', () => {
  for (const [name, delimiter] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ]) {
    it(`detects the ${name} delimiter`, () => {
      const text = ['a,b,label', '1.5,-2,0', '3,4e2,1', '']
        .map((line) => line.replaceAll(',', delimiter))
        .join('\n');

      const { dataset, header, rows } = parseCsvDataset(text, label);

      expect(header).toEqual(['a', 'b', 'label']);
      expect(rows).toBe(2);
      expect(Array.from(dataset.X)).toEqual([1.5, -2, 3, 400]);
      expect(Array.from(dataset.y)).toEqual([0, 1]);
      expect(dataset.featureNames).toEqual(['a', 'b']);
      expect(dataset.nFeatures).toBe(2);
    });
  }

  it('reads quoted fields, with delimiters, quotes and newlines inside', () => {
    const text =
      '"first, name",b,label\r\n"1","2","say ""hi"""\r\n3,4,"two\nlines"\r\n';

    const { dataset, header } = parseCsvDataset(text, label);

    expect(header).toEqual(['first, name', 'b', 'label']);
    expect(Array.from(dataset.X)).toEqual([1, 2, 3, 4]);
    expect(dataset.classNames).toEqual(['say "hi"', 'two\nlines']);
  });

  it('sorts string labels as text and gives each its index', () => {
    const text = 'x,label\n1,dog\n2,cat\n3,emu\n4,cat\n';

    const { dataset } = parseCsvDataset(text, label);

    expect(dataset.classNames).toEqual(['cat', 'dog', 'emu']);
    expect(Array.from(dataset.y)).toEqual([1, 0, 2, 0]);
  });

  it('sorts numeric labels as numbers and merges equal values', () => {
    const text = 'x,label\n1,10\n2,9\n3,-1\n4,9.0\n';

    const { dataset } = parseCsvDataset(text, label);

    expect(dataset.classNames).toEqual(['-1', '9', '10']);
    expect(Array.from(dataset.y)).toEqual([2, 1, 0, 1]);
  });

  it('takes feature columns by name and in the order given', () => {
    const text = 'a,b,c,label\n1,2,3,0\n4,5,6,1\n';

    const { dataset } = parseCsvDataset(text, {
      labelColumn: 'label',
      featureColumns: ['c', 'a'],
    });

    expect(dataset.featureNames).toEqual(['c', 'a']);
    expect(Array.from(dataset.X)).toEqual([3, 1, 6, 4]);
  });

  it('reads numbers exactly as Number() does', () => {
    const cells = ['0.1', '-123.456', '+7', '.5', '5.', '1e-3', ' 2 ', '-0'];
    const text = `x,label\n${cells.map((c) => `${c},a`).join('\n')}\n`;

    const { dataset } = parseCsvDataset(text, label);

    cells.forEach((cell, i) => expect(dataset.X[i]).toBe(Number(cell)));
  });

  describe('refusals', () => {
    const refusals: [string, string, RegExp, object?][] = [
      [
        'a non-numeric feature',
        'a,b,label\n1,2,x\n3,abc,y\n',
        /^line 3, column "b": feature "abc" is not a finite number$/,
      ],
      [
        'an empty feature',
        'a,b,label\n1,2,x\n3, ,y\n',
        /^line 3, column "b": the value is missing$/,
      ],
      [
        'an empty label',
        'a,b,label\n1,2,\n',
        /^line 2, column "label": the value is missing$/,
      ],
      [
        'a short row',
        'a,b,label\n1,2,x\n3,4\n',
        /^line 3, column "label": the value is missing \(the row has 2 fields, the header 3\)$/,
      ],
      [
        'a long row',
        'a,b,label\n1,2,x,9\n',
        /^line 2, column 4: a value beyond the 3 header columns$/,
      ],
      [
        'a bad value after a quoted newline, on its true line',
        'a,b,label\n"1",2,"x\ny"\n\n3,?,y\n',
        /^line 5, column "b": feature "\?" is not a finite number$/,
      ],
      [
        'an infinite value',
        'a,label\nInfinity,x\n',
        /^line 2, column "a": feature "Infinity" is not a finite number$/,
      ],
      [
        'an unknown label column',
        'a,b,kind\n1,2,x\n',
        /^labelColumn: no column "label"; the header has "a", "b", "kind"$/,
      ],
      [
        'an unknown feature column',
        'a,b,label\n1,2,x\n',
        /^featureColumns\.1: no column "c"; the header has "a", "b", "label"$/,
        { labelColumn: 'label', featureColumns: ['a', 'c'] },
      ],
      [
        'the label column as a feature',
        'a,b,label\n1,2,x\n',
        /^featureColumns\.0: "label" is the label column$/,
        { labelColumn: 'label', featureColumns: ['label'] },
      ],
      [
        'a duplicated header name',
        'a,a,label\n1,2,x\n',
        /^line 1, column "a": the name appears twice$/,
      ],
      ['a header without rows', 'a,label\n', /^line 2: .*no data rows$/],
      ['an empty file', '', /^line 1: the file is empty$/],
      [
        'an unterminated quote',
        'a,label\n1,x\n"2,y\n3,z\n',
        /^line 3: Quoted field unterminated$/,
      ],
    ];

    for (const [what, text, message, options] of refusals) {
      it(`refuses ${what}`, () => {
        expect(() => parseCsvDataset(text, { ...label, ...options })).toThrow(
          message,
        );
      });
    }
  });
});

describe('parseCsvDatasetChunked', () => {
  const lines = ['a,b,label'];
  for (let i = 0; i < 500; i++) lines.push(`${i},${i / 8},${i % 3}`);
  const text = lines.join('\n');

  it('gives the same data set as the one-shot parser, pausing per chunk', async () => {
    const progress: number[] = [];

    const chunked = await parseCsvDatasetChunked(text, label, {
      chunkSize: 256,
      pause: async (rows) => {
        progress.push(rows);
      },
    });

    expect(chunked).toEqual(parseCsvDataset(text, label));
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('rejects with the same line number after pauses', async () => {
    const bad = text.replace('\n300,', '\n300x,');

    await expect(
      parseCsvDatasetChunked(bad, label, { chunkSize: 100 }),
    ).rejects.toThrow(/^line 302, column "a": feature "300x"/);
  });
});
