import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

// Shared by the engine tests only.

/** Tolerance for fixtures: |a − b| ≤ 1e-12 · max(1, |b|). */
export const FIXTURE_TOLERANCE = 1e-12;

/** Reads a JSON file from the repository's test-data folder. */
export function readTestData(name: string): unknown {
  const url = new URL(`../../test-data/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

/**
 * Asserts that two nested number arrays (or objects of them) have the same shape and that every
 * pair satisfies |a − b| ≤ tolerance · max(1, |b|).
 */
export function expectClose(
  actual: unknown,
  expected: unknown,
  tolerance = FIXTURE_TOLERANCE,
  path = 'value',
): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) =>
      expectClose(list[i], e, tolerance, `${path}.${i}`),
    );
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    const record = actual as Record<string, unknown>;
    for (const [key, e] of Object.entries(expected)) {
      expectClose(record[key], e, tolerance, `${path}.${key}`);
    }
    return;
  }
  const a = actual as number;
  const b = expected as number;
  const bound = tolerance * Math.max(1, Math.abs(b));
  expect(Math.abs(a - b) <= bound, `${path}: ${a} vs ${b}`).toBe(true);
}
