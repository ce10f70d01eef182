import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../experiment.ts';
import type { NetworkParams } from '../model-schema.ts';
import { applyActivation } from './activations.ts';
import { meanLoss } from './losses.ts';
import {
  createNetwork,
  initWeights,
  networkFromParams,
  networkToParams,
  validateNetwork,
} from './network.ts';
import { predict } from './propagation.ts';

const Spec: NetworkSpec = {
  hidden: [{ units: 10, activation: 'sigmoid' }],
  outputActivation: 'sigmoid',
  loss: 'bce',
  init: 'glorotUniform',
};

function params(): NetworkParams {
  return {
    loss: 'cce',
    layers: [
      {
        activation: 'relu',
        weights: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        bias: [0, 0],
      },
      {
        activation: 'softmax',
        weights: [
          [1, 0],
          [0, 1],
        ],
        bias: [0.5, -0.5],
      },
    ],
  };
}

describe('createNetwork', () => {
  it('chains layer shapes from the inputs to the outputs with zero biases', () => {
    const net = createNetwork(2, Spec, 1, seedrandom('shape'));

    expect(net.layers.map((l) => [l.fanIn, l.fanOut, l.activation])).toEqual([
      [2, 10, 'sigmoid'],
      [10, 1, 'sigmoid'],
    ]);
    expect(net.layers.every((l) => l.bias.every((b) => b === 0))).toBe(true);
  });

  it('is reproducible from the seed', () => {
    const a = createNetwork(2, Spec, 1, seedrandom('7/init'));
    const b = createNetwork(2, Spec, 1, seedrandom('7/init'));
    expect(networkToParams(a)).toEqual(networkToParams(b));
  });

  it('refuses bce without a sigmoid output', () => {
    expect(() =>
      createNetwork(
        2,
        { ...Spec, outputActivation: 'tanh' },
        1,
        seedrandom('x'),
      ),
    ).toThrow(
      'createNetwork: network.loss: loss bce needs a sigmoid output, got tanh',
    );
  });

  it('refuses cce with a single softmax output', () => {
    expect(() =>
      createNetwork(
        2,
        { ...Spec, outputActivation: 'softmax', loss: 'cce' },
        1,
        seedrandom('x'),
      ),
    ).toThrow('loss cce needs at least 2 outputs, got 1');
  });
});

describe('initWeights', () => {
  it('draws glorotUniform within ±√(6/(fanIn+fanOut)) and uses the range', () => {
    const w = initWeights('glorotUniform', 40, 60, seedrandom('glorot'));
    const limit = Math.sqrt(6 / 100);

    expect(Math.max(...w)).toBeLessThanOrEqual(limit);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-limit);
    expect(Math.max(...w)).toBeGreaterThan(0.95 * limit);
  });

  it('draws heNormal with mean 0 and standard deviation √(2/fanIn)', () => {
    const w = initWeights('heNormal', 50, 400, seedrandom('he'));
    const mean = w.reduce((s, x) => s + x, 0) / w.length;
    const std = Math.sqrt(
      w.reduce((s, x) => s + (x - mean) ** 2, 0) / w.length,
    );

    // 20 000 draws: the sample std is within 2 % of √(2/50) = 0.2.
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(std - 0.2)).toBeLessThan(0.004);
  });

  it('fills zeros', () => {
    expect(
      initWeights('zeros', 3, 4, seedrandom('z')).every((x) => x === 0),
    ).toBe(true);
  });
});

describe('validateNetwork', () => {
  it('accepts consistent parameters', () => {
    expect(validateNetwork(params())).toBeNull();
  });

  it('names layers whose weights do not chain', () => {
    const p = params();
    p.layers[1].weights.push([1, 1]);
    expect(validateNetwork(p)).toBe(
      'network.layers.1.weights: has 3 rows but layer 0 has 2 units',
    );
  });

  it('refuses softmax on a hidden layer', () => {
    const p = params();
    p.layers[0].activation = 'softmax';
    expect(validateNetwork(p)).toMatch(
      /^network\.layers\.0\.activation: softmax is not a hidden activation/,
    );
  });

  it('refuses relu on the output layer', () => {
    const p = params();
    p.layers[1].activation = 'relu';
    p.loss = 'mse';
    expect(validateNetwork(p)).toMatch(
      /^network\.layers\.1\.activation: relu is not an output activation/,
    );
  });
});

describe('networkFromParams', () => {
  it('round-trips through networkToParams', () => {
    expect(networkToParams(networkFromParams(params()))).toEqual(params());
  });

  it('throws the validation message', () => {
    const p = params();
    p.layers[0].bias = [0];
    expect(() => networkFromParams(p)).toThrow(
      'network.layers.0.bias: has 1 values but the weights have 2 columns',
    );
  });

  it('computes z = x·W + b row by row', () => {
    const net = networkFromParams(params());
    const out = predict(net, Float64Array.of(1, 0, -1), 1);

    // relu(x·W1) = relu([−4, −4]) = [0, 0]; softmax([0.5, −0.5]).
    const e = Math.exp(1);
    expect(out[0]).toBeCloseTo(e / (e + 1), 15);
    expect(out[1]).toBeCloseTo(1 / (e + 1), 15);
  });
});

describe('softmax', () => {
  it('stays finite for huge inputs and sums to 1', () => {
    const z = Float64Array.of(1000, 999, -1000, 1e308, 1e308, 0);
    const a = new Float64Array(6);
    applyActivation('softmax', z, a, 2, 3);

    expect(a[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(a[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 15);
    expect(a[2]).toBe(0);
    expect([a[3], a[4], a[5]]).toEqual([0.5, 0.5, 0]);
  });
});

describe('losses', () => {
  it('clamps probabilities before taking logs', () => {
    const p = Float64Array.of(0, 1);
    const y = Float64Array.of(1, 0);
    // 1 − 1e-15 is not exact in binary, hence the second term's form.
    const low = -Math.log(1e-15);
    const high = -Math.log(1 - (1 - 1e-15));
    expect(meanLoss('bce', p, y, 2, 1)).toBe((low + high) / 2);
    expect(meanLoss('cce', p, y, 1, 2)).toBe(low);
  });

  it('averages ½(y − p)² over samples and outputs for mse', () => {
    const p = Float64Array.of(1, 2, 3, 4);
    const y = Float64Array.of(0, 0, 0, 0);
    expect(meanLoss('mse', p, y, 2, 2)).toBe((0.5 * (1 + 4 + 9 + 16)) / 4);
  });
});
