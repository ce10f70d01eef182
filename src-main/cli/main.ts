import { UsageError, parseOptions } from './args.ts';
import type { CliOutput, Command } from './command.ts';
import { datasetCommand } from './commands/dataset.ts';
import { evalCommand } from './commands/eval.ts';
import { benchCommand, serveCommand } from './commands/host.ts';
import { presetsCommand } from './commands/presets.ts';
import { stepCommand } from './commands/step.ts';
import { trainCommand } from './commands/train.ts';

// The command line: `mlp-lab <command> [options]`. Exit codes: 0 success,
// 1 a run or the program failed, 2 a mistake in the command or its input.

/** Every command, in the order the help lists them. */
export const commands: Command[] = [
  stepCommand,
  trainCommand,
  evalCommand,
  datasetCommand,
  presetsCommand,
  benchCommand,
  serveCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: mlp-lab <command> [options]

MLP Lab on the command line: train and inspect multi-layer perceptrons.

Commands:
${lines.join('\n')}

Run mlp-lab <command> --help for a command's options.
`;
}

/** Runs the command line `args`; resolves to the exit code. */
export async function main(
  args: string[],
  output: CliOutput = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...rest] = args;
  if (
    name === undefined ||
    name === '--help' ||
    name === '-h' ||
    name === 'help'
  ) {
    if (name !== undefined) {
      output.stdout.write(overview());
      return 0;
    }
    output.stderr.write(overview());
    return 2;
  }

  const command = commands.find((c) => c.name === name);
  try {
    if (!command) {
      throw new UsageError(`unknown command "${name}" (try mlp-lab --help)`);
    }
    const values = parseOptions(name, rest, {
      ...command.options,
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      output.stdout.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(values, output);
  } catch (error) {
    return report(error, output);
  }
}

/** One line on stderr; a stack only for what is not the user's doing. */
function report(error: unknown, output: CliOutput): number {
  if (error instanceof UsageError) {
    output.stderr.write(`mlp-lab: ${error.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.stderr.write(`mlp-lab: ${message}\n`);
  if (process.env.MLP_LAB_DEBUG && error instanceof Error) {
    output.stderr.write(`${error.stack}\n`);
  }
  return 1;
}
