import type { OptionSpec, OptionValues } from './args.ts';

// The shape of a command-line command.

/** Where a command writes. */
export interface CliOutput {
  /** Results: JSON or the human summary. */
  stdout: NodeJS.WritableStream;
  /** Progress and notes for the person at the terminal. */
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** One `mlp-lab <name>` command. */
export interface Command {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The text `--help` prints. */
  help: string;
  /** Options besides --help. */
  options: OptionSpec;
  /** Runs the command; resolves to the process exit code. */
  run(values: OptionValues, output: CliOutput): Promise<number>;
}

/** Writes `text` and resolves once it is flushed. */
export function write(
  stream: NodeJS.WritableStream,
  text: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
