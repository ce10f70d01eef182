import { presets } from '../../../src-shared/presets.ts';
import { write, type Command } from '../command.ts';

// `mlp-lab presets`: the built-in experiments, one line each.

/** Lists the built-in experiments. */
export const presetsCommand: Command = {
  name: 'presets',
  summary: 'list the built-in experiments',
  help: `Usage: mlp-lab presets

Lists the built-in experiments, one per line: name and description. Use a
name with train --preset or eval --preset. The step case exercise-1 is
available through step --preset exercise-1.`,
  options: {},
  async run(_values, output) {
    const width = Math.max(...presets.map((p) => p.name.length)) + 2;
    const lines = presets.map((p) => `${p.name.padEnd(width)}${p.description}`);
    await write(output.stdout, `${lines.join('\n')}\n`);
    return 0;
  },
};
