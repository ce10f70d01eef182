import { describe, expect, it } from 'vitest';
import type { OptimizerSpec } from '../experiment.ts';
import type { Network } from './network.ts';
import { createOptimizer } from './optimizers.ts';

// One weight and one bias, both starting at 1, fed the gradients 0.5, −0.2,
// 0.3 with learning rate 0.1. Expected values are worked out by hand in the
// comments (Adam's with a calculator), to 1e-12.

const Gradients = [0.5, -0.2, 0.3];
const ETA = 0.1;
const TOLERANCE = 1e-12;

function tinyNetwork(): Network {
  return {
    loss: 'mse',
    layers: [
      {
        fanIn: 1,
        fanOut: 1,
        activation: 'identity',
        weights: Float64Array.of(1),
        bias: Float64Array.of(1),
      },
    ],
  };
}

function trajectory(spec: OptimizerSpec, l2: number) {
  const network = tinyNetwork();
  const optimizer = createOptimizer(spec, network);
  return Gradients.map((g) => {
    optimizer.update(
      network,
      [Float64Array.of(g)],
      [Float64Array.of(g)],
      ETA,
      l2,
    );
    return {
      weight: network.layers[0].weights[0],
      bias: network.layers[0].bias[0],
    };
  });
}

function expectPath(actual: number[], expected: number[]) {
  expected.forEach((e, t) =>
    expect(
      Math.abs(actual[t] - e),
      `step ${t + 1}: ${actual[t]} vs ${e}`,
    ).toBeLessThanOrEqual(TOLERANCE),
  );
}

describe('sgd', () => {
  it('steps against the gradient', () => {
    // 1 − 0.05 = 0.95; 0.95 + 0.02 = 0.97; 0.97 − 0.03 = 0.94.
    const path = trajectory({ kind: 'sgd' }, 0);
    expectPath(
      path.map((p) => p.weight),
      [0.95, 0.97, 0.94],
    );
    expectPath(
      path.map((p) => p.bias),
      [0.95, 0.97, 0.94],
    );
  });

  it('adds λW to weight gradients only', () => {
    // g + 0.1w: 0.6 → 0.94; −0.2 + 0.094 = −0.106 → 0.9506;
    // 0.3 + 0.09506 = 0.39506 → 0.911094. Biases ignore λ.
    const path = trajectory({ kind: 'sgd' }, 0.1);
    expectPath(
      path.map((p) => p.weight),
      [0.94, 0.9506, 0.911094],
    );
    expectPath(
      path.map((p) => p.bias),
      [0.95, 0.97, 0.94],
    );
  });
});

describe('momentum', () => {
  it('accumulates velocity', () => {
    // v = 0.9v − 0.1g: −0.05, −0.045 + 0.02 = −0.025, −0.0225 − 0.03 = −0.0525.
    const path = trajectory(
      { kind: 'momentum', momentum: 0.9, nesterov: false },
      0,
    );
    expectPath(
      path.map((p) => p.weight),
      [0.95, 0.925, 0.8725],
    );
  });

  it('looks ahead with nesterov', () => {
    // θ += 0.9v − 0.1g with the new v: 1 − 0.045 − 0.05 = 0.905;
    // 0.905 − 0.0225 + 0.02 = 0.9025; 0.9025 − 0.04725 − 0.03 = 0.82525.
    const path = trajectory(
      { kind: 'momentum', momentum: 0.9, nesterov: true },
      0,
    );
    expectPath(
      path.map((p) => p.weight),
      [0.905, 0.9025, 0.82525],
    );
    expectPath(
      path.map((p) => p.bias),
      [0.905, 0.9025, 0.82525],
    );
  });
});

describe('adam', () => {
  const adam: OptimizerSpec = {
    kind: 'adam',
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
  };

  it('uses bias-corrected moments', () => {
    // Step 1: m̂ = 0.5, v̂ = 0.25, θ = 1 − 0.1·0.5/(0.5 + 1e-8).
    // Step 2: m = 0.025, v = 0.00028975, m̂ = 0.025/0.19,
    // v̂ = 0.00028975/0.001999, and so on.
    const path = trajectory(adam, 0);
    expectPath(
      path.map((p) => p.weight),
      [0.900000002, 0.8654394181165108, 0.8109953836811554],
    );
  });

  it('feeds g + λW to the moments', () => {
    const path = trajectory(adam, 0.1);
    expectPath(
      path.map((p) => p.weight),
      [0.9000000016666666, 0.8475190629593703, 0.7791121607663538],
    );
    expectPath(
      path.map((p) => p.bias),
      [0.900000002, 0.8654394181165108, 0.8109953836811554],
    );
  });

  it('continues exactly from exported state', () => {
    const network = tinyNetwork();
    const first = createOptimizer(adam, network);
    for (const g of Gradients.slice(0, 2)) {
      first.update(network, [Float64Array.of(g)], [Float64Array.of(g)], ETA, 0);
    }
    const state = first.exportState();
    expect(state.step).toBe(2);
    expect(state.slots[0].weights).toHaveLength(2);

    const second = createOptimizer(adam, network, state);
    second.update(
      network,
      [Float64Array.of(0.3)],
      [Float64Array.of(0.3)],
      ETA,
      0,
    );

    expect(network.layers[0].weights[0]).toBe(0.8109953836811554);
  });
});

describe('createOptimizer', () => {
  it('refuses state of another optimizer', () => {
    const network = tinyNetwork();
    const state = createOptimizer({ kind: 'sgd' }, network).exportState();
    expect(() =>
      createOptimizer(
        { kind: 'momentum', momentum: 0.9, nesterov: false },
        network,
        state,
      ),
    ).toThrow('optimizerState.kind: is sgd but the optimizer is momentum');
  });

  it('refuses state whose shapes do not match the network', () => {
    const network = tinyNetwork();
    const spec: OptimizerSpec = {
      kind: 'momentum',
      momentum: 0.5,
      nesterov: false,
    };
    const state = createOptimizer(spec, network).exportState();
    state.slots[0].bias[0] = [0, 0];
    expect(() => createOptimizer(spec, network, state)).toThrow(
      'optimizerState.slots.0.bias.0: has 2 values but the layer has 1 units',
    );
  });
});
