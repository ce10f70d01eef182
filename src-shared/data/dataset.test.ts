import { describe, expect, it } from 'vitest';
import type { Recipe } from '../recipe.ts';
import { buildDataset } from './dataset.ts';
import { makeClassification } from './make-classification.ts';
import { makeToy } from './toy-sets.ts';

/** A fake file system holding the given files. */
const files = (contents: Record<string, string>) => ({
  readText(path: string): string {
    if (!(path in contents)) throw new Error('no such file');
    return contents[path];
  },
});

describe('buildDataset', () => {
  it('builds makeClassification with default names', () => {
    const recipe = {
      kind: 'makeClassification',
      nSamples: 30,
      nFeatures: 3,
      nRedundant: 0,
      nClasses: 3,
      nClustersPerClass: 1,
      randomState: 2,
    } as const;

    const ds = buildDataset(recipe);

    expect(ds.X).toEqual(makeClassification(recipe).X);
    expect(ds.classNames).toEqual(['0', '1', '2']);
    expect(ds.featureNames).toEqual(['x0', 'x1', 'x2']);
  });

  it('builds a toy set with two features', () => {
    const recipe = {
      kind: 'spiral',
      nSamples: 30,
      noise: 0.1,
      seed: 1,
    } as const;

    const ds = buildDataset(recipe);

    expect(ds.X).toEqual(makeToy(recipe).X);
    expect(ds.classNames).toEqual(['0', '1']);
    expect(ds.featureNames).toEqual(['x0', 'x1']);
  });

  it('composes classes in order, relabelling part i as class i', () => {
    const part = (randomState: number, n: number): Recipe => ({
      kind: 'makeClassification',
      nSamples: n,
      nClasses: 1,
      nClustersPerClass: 1,
      nFeatures: 2,
      nInformative: 2,
      nRedundant: 0,
      classSep: 2,
      randomState,
    });

    const ds = buildDataset({
      kind: 'perClass',
      classes: [part(21, 4), part(42, 3)],
      classNames: ['no', 'yes'],
    });

    expect(ds.nSamples).toBe(7);
    expect(Array.from(ds.y)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(ds.classNames).toEqual(['no', 'yes']);
    expect(Array.from(ds.X.subarray(8))).toEqual(
      Array.from(buildDataset(part(42, 3)).X),
    );
  });

  it('builds an inline data set', () => {
    const ds = buildDataset({
      kind: 'inline',
      X: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      y: [0, 2, 1],
      featureNames: ['w', 'h'],
    });

    expect(Array.from(ds.X)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ds.classNames).toEqual(['0', '1', '2']);
    expect(ds.featureNames).toEqual(['w', 'h']);
  });

  it('reads a CSV file through the io it is given', () => {
    const io = files({
      'iris.csv': 'a;b;species\n1;2;setosa\n3;4;virginica\n',
    });

    const ds = buildDataset(
      { kind: 'csv', path: 'iris.csv', labelColumn: 'species' },
      io,
    );

    expect(ds.classNames).toEqual(['setosa', 'virginica']);
    expect(ds.featureNames).toEqual(['a', 'b']);
  });

  describe('refusals', () => {
    const inline = (X: number[][], y: number[]): Recipe => ({
      kind: 'inline',
      X,
      y,
    });
    const refusals: [string, Recipe, RegExp][] = [
      [
        'parts with different feature counts',
        {
          kind: 'perClass',
          classes: [
            inline([[1, 2]], [0]),
            inline([[1, 2]], [0]),
            inline([[1, 2, 3]], [0]),
          ],
        },
        /^classes\.2: has 3 features; classes\.0 has 2$/,
      ],
      [
        'a bad recipe deep inside a composition',
        {
          kind: 'perClass',
          classes: [
            inline([[1]], [0]),
            {
              kind: 'perClass',
              classes: [
                { kind: 'makeClassification', nClasses: 8, randomState: 0 },
              ],
            },
          ],
        },
        /^classes\.1\.classes\.0\.nInformative: 2 informative features/,
      ],
      [
        'too many class names',
        {
          kind: 'perClass',
          classes: [inline([[1]], [0])],
          classNames: ['a', 'b'],
        },
        /^classNames: has 2 names for 1 classes$/,
      ],
      [
        'a ragged inline X',
        inline([[1, 2], [3]], [0, 1]),
        /^X\.1: has 1 values; row 0 has 2$/,
      ],
      [
        'inline labels of the wrong length',
        inline([[1], [2]], [0]),
        /^y: has 1 labels for 2 rows of X$/,
      ],
      [
        'an inline label without a class name',
        { kind: 'inline', X: [[1], [2]], y: [0, 3], classNames: ['a', 'b'] },
        /^y\.1: label 3 has no class name \(classNames has 2\)$/,
      ],
      [
        'a schema violation',
        { kind: 'makeClassification', nSamples: 0 } as Recipe,
        /^nSamples: /,
      ],
    ];

    for (const [what, recipe, message] of refusals) {
      it(`refuses ${what}`, () => {
        expect(() => buildDataset(recipe)).toThrow(message);
      });
    }

    it('says that CSV needs file access when there is none', () => {
      expect(() =>
        buildDataset({ kind: 'csv', path: 'a.csv', labelColumn: 'y' }),
      ).toThrow(/^path: reading a CSV file needs file access/);
    });

    it('names the file and line of a bad CSV cell', () => {
      const io = files({ 'd.csv': 'x,y\n1,a\nz,b\n' });

      expect(() =>
        buildDataset(
          {
            kind: 'perClass',
            classes: [{ kind: 'csv', path: 'd.csv', labelColumn: 'y' }],
          },
          io,
        ),
      ).toThrow(
        /^classes\.0\.path: d\.csv, line 3, column "x": feature "z" is not a finite number$/,
      );
    });

    it('names a file it cannot read', () => {
      expect(() =>
        buildDataset(
          { kind: 'csv', path: 'gone.csv', labelColumn: 'y' },
          files({}),
        ),
      ).toThrow(/^path: cannot read "gone\.csv": no such file$/);
    });
  });
});
