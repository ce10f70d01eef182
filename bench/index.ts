import { benchData } from './data-bench.ts';
import { benchEngine } from './engine-bench.ts';

// Every benchmark, in order, each under its own heading. Figures are
// printed, never asserted: speed is reported, not tested.

/** Runs the engine benchmarks, then the data benchmarks. */
export async function runBenchmarks(): Promise<void> {
  console.log('# Engine');
  await benchEngine();
  console.log('\n# Data');
  await benchData();
}
