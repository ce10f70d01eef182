import * as v from 'valibot';

/** A finite number (no NaN, no ±Infinity). */
export const finiteNumber = () => v.pipe(v.number(), v.finite());

/** An integer no smaller than `min`. */
export const intAtLeast = (min: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min));

/** A finite number within [min, max]. */
export const numberIn = (min: number, max: number) =>
  v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

/** A failed parse turned into one line: `field.path: problem`. */
export function describeIssues(
  issues: readonly v.BaseIssue<unknown>[],
  root = '',
): string {
  const first = issues[0];
  if (!first) return 'invalid value';
  const path = v.getDotPath(first);
  const field = [root, path].filter(Boolean).join('.');
  const message = first.message.replace(/^Invalid type: /, 'expected ');
  return field ? `${field}: ${message}` : message;
}

/** The result of a parse that never throws. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses `input` with `schema`, describing the first problem by field. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  root = '',
): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, error: describeIssues(result.issues, root) };
}
