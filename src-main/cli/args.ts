import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type * as v from 'valibot';
import { parseWith } from '../../src-shared/validation.ts';

// Argument and input-file handling shared by the commands. Every problem a
// user can cause becomes a UsageError: one line, exit code 2, no stack.

/** A mistake in the command line or an input file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Option definitions as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values by name. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** Parses `args` strictly against `options`, without positionals. */
export function parseOptions(
  command: string,
  args: string[],
  options: OptionSpec,
): OptionValues {
  try {
    const { values } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: false,
    });
    return values as OptionValues;
  } catch (error) {
    throw new UsageError(`${command}: ${describeArgError(error)}`);
  }
}

function describeArgError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  const positional = /argument '([^']*)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('argument missing')
        ? `${option}: needs a value`
        : `${option}: takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(positional ?? message)}`;
    default:
      return message.split('\n')[0];
  }
}

/** A string option's value, or undefined. */
export function stringOption(
  values: OptionValues,
  name: string,
): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** An integer option no smaller than `min`, or undefined when absent. */
export function intOption(
  values: OptionValues,
  name: string,
  min: number,
): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(number)) {
    throw new UsageError(`--${name}: "${text}" is not an integer`);
  }
  if (number < min) throw new UsageError(`--${name}: must be at least ${min}`);
  return number;
}

/** Exactly one of the named options, or a UsageError. */
export function oneOf(values: OptionValues, names: string[]): string {
  const given = names.filter((name) => values[name] !== undefined);
  const list = names.map((name) => `--${name}`).join(' or ');
  if (given.length === 0) throw new UsageError(`needs ${list}`);
  if (given.length > 1) throw new UsageError(`takes only one of ${list}`);
  return given[0];
}

/** A file's text; a failed read names the option, the file and why. */
export function readTextFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${fileProblem(error)}`);
  }
}

/** A file's parsed JSON, or a UsageError naming the file. */
export function readJsonFile(flag: string, path: string): unknown {
  const text = readTextFile(flag, path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${flag} ${path}: invalid JSON: ${(error as Error).message}`,
    );
  }
}

/** Parses `input` with `schema`; a problem names the option and file. */
export function parseInput<S extends v.GenericSchema>(
  flag: string,
  path: string,
  schema: S,
  input: unknown,
): v.InferOutput<S> {
  const parsed = parseWith(schema, input);
  if (!parsed.ok) throw new UsageError(`${flag} ${path}: ${parsed.error}`);
  return parsed.value;
}

/** A short reason for a failed file operation. */
export function fileProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return message;
  }
}
