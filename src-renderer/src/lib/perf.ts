// With `?perf=1` the page records the time between animation frames so a
// test can measure how smooth the interface stays while training.

/** Starts recording frame-to-frame times into `window.__frameTimes`. */
export function recordFrameTimes(): void {
  const times: number[] = [];
  window.__frameTimes = times;
  let last = performance.now();

  const tick = (now: number) => {
    times.push(now - last);
    last = now;

    // A long session must not grow the array without bound.
    if (times.length > 100_000) times.splice(0, times.length - 50_000);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
