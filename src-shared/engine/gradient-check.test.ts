import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  HiddenActivations,
  type HiddenActivation,
  type LossName,
  type OutputActivation,
} from '../experiment.ts';
import { createNetwork, type Network } from './network.ts';
import { gradientStep } from './step.ts';

// Central differences L(θ + h) − L(θ − h) / 2h against the analytic
// gradients of gradientStep, for every parameter of every layer.

const H = 1e-6;
/** |analytic − numeric| ≤ REL·max(|analytic|, |numeric|) + ABS. */
const REL = 1e-6;
const ABS = 1e-9;

const ValidCombinations: [OutputActivation, LossName][] = [
  ['identity', 'mse'],
  ['sigmoid', 'mse'],
  ['tanh', 'mse'],
  ['softmax', 'mse'],
  ['sigmoid', 'bce'],
  ['softmax', 'cce'],
];

function makeBatch(
  loss: LossName,
  nInputs: number,
  nOutputs: number,
  batchSize: number,
  random: () => number,
) {
  const X = Array.from({ length: batchSize }, () =>
    Array.from({ length: nInputs }, () => 4 * random() - 2),
  );
  const Y = Array.from({ length: batchSize }, () => {
    if (loss === 'cce') {
      const row = new Array<number>(nOutputs).fill(0);
      row[Math.floor(random() * nOutputs)] = 1;
      return row;
    }
    if (loss === 'bce') {
      return Array.from({ length: nOutputs }, () => (random() < 0.5 ? 0 : 1));
    }
    return Array.from({ length: nOutputs }, () => 2 * random() - 1);
  });
  return { X, Y };
}

function checkGradients(
  network: Network,
  X: number[][],
  Y: number[][],
  l2: number,
): void {
  const trace = gradientStep(network, X, Y, 0, l2);
  const lossAt = () => gradientStep(network, X, Y, 0, l2).loss;

  network.layers.forEach((layer, l) => {
    const params: [Float64Array, number[], string][] = [
      [layer.weights, trace.gradients[l].weights.flat(), 'weights'],
      [layer.bias, trace.gradients[l].bias, 'bias'],
    ];
    for (const [theta, analytic, name] of params) {
      for (let t = 0; t < theta.length; t++) {
        const saved = theta[t];
        theta[t] = saved + H;
        const plus = lossAt();
        theta[t] = saved - H;
        const minus = lossAt();
        theta[t] = saved;

        const numeric = (plus - minus) / (2 * H);
        const bound =
          REL * Math.max(Math.abs(analytic[t]), Math.abs(numeric)) + ABS;
        const where = `layer ${l} ${name}[${t}]`;
        expect(
          Math.abs(analytic[t] - numeric),
          `${where}: analytic ${analytic[t]} vs numeric ${numeric}`,
        ).toBeLessThanOrEqual(bound);
      }
    }
  });
}

function buildNet(
  hidden: HiddenActivation[],
  outputActivation: OutputActivation,
  loss: LossName,
  nOutputs: number,
  seed: string,
): Network {
  const units = [4, 5, 3, 4];
  return createNetwork(
    3,
    {
      hidden: hidden.map((activation, i) => ({ units: units[i], activation })),
      outputActivation,
      loss,
      init: 'glorotUniform',
    },
    nOutputs,
    seedrandom(seed),
  );
}

describe('backpropagation', () => {
  for (const [outputActivation, loss] of ValidCombinations) {
    for (const nOutputs of outputActivation === 'softmax' ? [3] : [1, 3]) {
      const title =
        `matches finite differences for ${outputActivation}+${loss} ` +
        `with ${nOutputs} outputs through three hidden layers`;
      it(title, () => {
        const random = seedrandom(`fd/${outputActivation}/${loss}/${nOutputs}`);
        const network = buildNet(
          ['tanh', 'relu', 'sigmoid'],
          outputActivation,
          loss,
          nOutputs,
          `fd/${outputActivation}/${loss}/init`,
        );
        const { X, Y } = makeBatch(loss, 3, nOutputs, 5, random);

        checkGradients(network, X, Y, 0);
      });
    }
  }

  for (const activation of HiddenActivations) {
    const layers = `three ${activation} hidden layers`;
    it(`matches finite differences for ${layers}`, () => {
      const random = seedrandom(`fd/hidden/${activation}`);
      const network = buildNet(
        [activation, activation, activation],
        'softmax',
        'cce',
        3,
        `fd/hidden/${activation}/init`,
      );
      const { X, Y } = makeBatch('cce', 3, 3, 6, random);

      checkGradients(network, X, Y, 0);
    });
  }

  it('matches finite differences with L2 in the loss and gradients', () => {
    const random = seedrandom('fd/l2');
    const network = buildNet(
      ['leakyRelu', 'tanh'],
      'sigmoid',
      'bce',
      1,
      'fd/l2/init',
    );
    const { X, Y } = makeBatch('bce', 3, 1, 4, random);

    checkGradients(network, X, Y, 0.05);
  });
});
