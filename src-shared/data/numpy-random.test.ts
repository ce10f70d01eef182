import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RandomState } from './numpy-random.ts';

interface Call {
  call: string;
  args: number[];
  values: number[];
}

interface Fixture {
  numpy: string;
  sequences: { seed: number; calls: Call[] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../test-data/numpy-random.json', import.meta.url), {
    encoding: 'utf8',
  }),
) as Fixture;

/** Replays one recorded numpy call on `rng` and returns its values. */
function replay(rng: RandomState, { call, args }: Call): number[] {
  switch (call) {
    case 'random_sample':
      return Array.from(rng.randomSampleArray(args[0]));
    case 'standard_normal':
      return Array.from(rng.standardNormalArray(args[0]));
    case 'uniform':
      return Array.from(rng.uniformArray(args[2], args[0], args[1]));
    case 'randint':
      return Array.from(rng.randintArray(args[2], args[0], args[1]));
    case 'permutation':
      return Array.from(rng.permutation(args[0]));
    case 'shuffle': {
      const values = Array.from({ length: args[0] }, (_, i) => i);
      return rng.shuffle(values);
    }
    default:
      throw new Error(`unknown call ${call}`);
  }
}

describe('RandomState', () => {
  for (const { seed, calls } of fixture.sequences) {
    it(`reproduces numpy ${fixture.numpy}'s sequence for seed ${seed}`, () => {
      const rng = new RandomState(seed);

      for (const call of calls) {
        const values = replay(rng, call);

        expect(values.length, call.call).toBe(call.values.length);
        if (call.call === 'standard_normal') {
          values.forEach((value, i) => {
            const expected = call.values[i];
            expect(Math.abs(value - expected)).toBeLessThanOrEqual(
              1e-12 * Math.abs(expected),
            );
          });
        } else {
          expect(values, call.call).toEqual(call.values);
        }
      }
    });
  }

  it('gives the same normals one at a time as in bulk, cache included', () => {
    const single = new RandomState(7);
    const bulk = new RandomState(7);

    const one = [single.standardNormal()];
    const rest = Array.from({ length: 6 }, () => single.standardNormal());

    expect(Array.from(bulk.standardNormalArray(1))).toEqual(one);
    expect(Array.from(bulk.standardNormalArray(6))).toEqual(rest);
    expect(bulk.randomSample()).toBe(single.randomSample());
  });

  it('crosses the 624-word state boundary in bulk normals consistently', () => {
    const single = new RandomState(3);
    const bulk = new RandomState(3);

    const expected = Array.from({ length: 2001 }, () =>
      single.standardNormal(),
    );

    expect(Array.from(bulk.standardNormalArray(2001))).toEqual(expected);
  });

  it('refuses seeds numpy refuses', () => {
    expect(() => new RandomState(-1)).toThrow(/seed/);
    expect(() => new RandomState(2 ** 32)).toThrow(/seed/);
    expect(() => new RandomState(1.5)).toThrow(/seed/);
  });

  it('refuses an empty randint range', () => {
    expect(() => new RandomState(0).randint(3, 3)).toThrow(/low >= high/);
  });
});
