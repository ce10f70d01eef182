// Pictures that cost real work (charts, grids, diagrams) redraw a few times
// a second at most while a run trains, so that the trainer keeps the CPU.

/** Least time between two folds of a run's progress into the readouts. */
export const FLUSH_MS = 100;
/** Least time between two chart redraws while training. */
export const CHART_MS = 500;
/** Least time between two network diagrams while training. */
export const DIAGRAM_MS = 500;
/** Least time between two decision-boundary grids while training. */
export const BOUNDARY_MS = 1000;

/**
 * How long a held-back job waits beyond its interval for a newer one: while
 * training, the next progress fold usually brings one, and drawing it then
 * puts both changes into the same frame.
 */
const SLACK_MS = 150;

/** Runs the latest scheduled job at most once per interval. */
export class Throttle {
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private job: (() => void) | null = null;

  /**
   * Runs `job` now if the previous job ran at least `ms` ago; otherwise
   * keeps it, replacing any job kept before, and runs the one kept last
   * when the interval is over and no newer job came in time.
   */
  schedule(job: () => void, ms: number): void {
    this.job = job;
    const wait = this.lastAt + ms - performance.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.run();
    }, wait + SLACK_MS);
  }

  /** Drops the kept job, if any. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.job = null;
  }

  private run(): void {
    const job = this.job;
    this.cancel();
    if (!job) return;
    this.lastAt = performance.now();
    job();
  }
}
