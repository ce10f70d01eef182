import { describe, expect, it } from 'vitest';
import { buildDataset } from '../data/index.ts';
import { prepareExperiment } from '../experiment-run.ts';
import type { Experiment } from '../experiment.ts';
import type { NetworkParams } from '../model-schema.ts';
import { boundaryGrid, columnRange, gridSize } from './boundary.ts';

/** An experiment on 3 features whose third is always `third`. */
function setup(standardize: boolean, third: number) {
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const a = (i % 8) - 3.5;
    const b = Math.floor(i / 8) - 2;
    X.push([a, b, third + (i % 2) * 1e-3]);
    y.push(a > 0 ? 1 : 0);
  }
  const experiment: Experiment = {
    dataset: { kind: 'inline', X, y },
    split: { testFraction: 0.25, stratify: false },
    preprocessing: { standardize },
    network: {
      hidden: [],
      outputActivation: 'sigmoid',
      loss: 'bce',
      init: 'zeros',
    },
    training: {
      optimizer: { kind: 'sgd' },
      learningRate: 0.1,
      batchSize: 'full',
      epochs: 1,
      shuffle: false,
      seed: 3,
      l2: 0,
      earlyStopping: null,
    },
  };
  return prepareExperiment(experiment, buildDataset(experiment.dataset));
}

/** One sigmoid unit with the given weights on the three features. */
function unit(w: [number, number, number], bias = 0): NetworkParams {
  return {
    loss: 'bce',
    layers: [
      { activation: 'sigmoid', weights: w.map((v) => [v]), bias: [bias] },
    ],
  };
}

describe('boundaryGrid', () => {
  it('colours each cell by the side of the boundary it lies on', () => {
    const data = setup(true, 0);
    const grid = boundaryGrid(unit([4, 0, 0]), data, 0, 1, 20);

    expect(grid.size).toBe(20);
    for (let r = 0; r < 20; r++) {
      for (let c = 0; c < 20; c++) {
        const x =
          grid.xRange[0] + ((c + 0.5) / 20) * (grid.xRange[1] - grid.xRange[0]);
        expect(grid.label[r * 20 + c]).toBe(x >= 0 ? 1 : 0);
      }
    }
  });

  it('puts the first grid row at the top of the y range', () => {
    const data = setup(true, 0);
    const grid = boundaryGrid(unit([0, 4, 0]), data, 0, 1, 10);
    expect(grid.label[0]).toBe(1);
    expect(grid.label[9 * 10]).toBe(0);
  });

  it('holds other standardized features at 0, their training mean', () => {
    const data = setup(true, 7);
    const grid = boundaryGrid(unit([0, 0, 5]), data, 0, 1, 8);
    for (const s of grid.strength) expect(s).toBeLessThan(0.05);
  });

  it('holds other raw features at their training mean', () => {
    const data = setup(false, 7);
    const grid = boundaryGrid(unit([0, 0, 1], -6), data, 0, 1, 8);
    expect([...grid.label].every((label) => label === 1)).toBe(true);
  });

  it('takes the most probable class of a softmax output', () => {
    const data = setup(true, 0);
    const params: NetworkParams = {
      loss: 'cce',
      layers: [
        {
          activation: 'softmax',
          weights: [
            [-3, 0, 3],
            [0, 0, 0],
            [0, 0, 0],
          ],
          bias: [0, 0.5, 0],
        },
      ],
    };
    const grid = boundaryGrid(params, data, 0, 1, 30);
    expect(grid.label[0]).toBe(0);
    expect(grid.label[29]).toBe(2);
    expect(grid.label[15]).toBe(1);
  });
});

describe('gridSize', () => {
  it('gives small networks the full grid and big ones a coarser one', () => {
    expect(gridSize(unit([1, 1, 1]), 3e6)).toBe(100);
    const big: NetworkParams = {
      loss: 'bce',
      layers: [
        {
          activation: 'relu',
          weights: Array.from({ length: 64 }, () => new Array(64).fill(0)),
          bias: new Array(64).fill(0),
        },
      ],
    };
    expect(gridSize(big, 3e6)).toBe(32);
    expect(gridSize(big, 3e7)).toBe(86);
  });
});

describe('columnRange', () => {
  it('pads the range of one column by 5 %', () => {
    const X = Float64Array.from([0, 10, 2, 20, 4, 30]);
    expect(columnRange(X, 2, 0)).toEqual([-0.2, 4.2]);
    expect(columnRange(X, 2, 1)[1]).toBeCloseTo(31, 12);
  });
});
