import type { ChartDataset, ChartOptions } from 'chart.js';
import type { History } from '../../../src-shared/model-schema.ts';
import {
  downsample,
  type CurvePoint,
} from '../../../src-shared/ui-model/downsample.ts';
import { backgroundPlugin, Chart } from './chart-setup.ts';

// Loss and accuracy curves with chart.js: one chart per metric, created
// once; every update swaps in min/max-bucketed points and redraws without
// animation.

/** Which figure a chart shows. */
export type Metric = 'loss' | 'accuracy';

/** Points per curve: enough for a smooth line at any width. */
const MAX_POINTS = 800;

/** A line chart for epoch curves, ready for `curveDatasets`. */
export function createCurveChart(
  canvas: HTMLCanvasElement,
): Chart<'line', CurvePoint[]> {
  return new Chart<'line', CurvePoint[]>(canvas, {
    type: 'line',
    data: { datasets: [] },
    plugins: [backgroundPlugin],
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false, axis: 'x' },
      elements: { point: { radius: 0 }, line: { borderWidth: 1.6 } },
      plugins: {
        legend: { labels: { boxWidth: 14, boxHeight: 2 } },
        tooltip: { enabled: true },
      },
    },
  });
}

/** The train (solid) and test (dashed) curves of one history. */
export function curveDatasets(
  metric: Metric,
  history: History,
  label: string,
  colors: { train: string; test: string },
  width: number,
  log: boolean,
): ChartDataset<'line', CurvePoint[]>[] {
  const train = metric === 'loss' ? history.trainLoss : history.trainAccuracy;
  const test = metric === 'loss' ? history.testLoss : history.testAccuracy;

  // A log axis cannot show zero or negative values.
  const keep = (points: CurvePoint[]) =>
    log ? points.filter((p) => p.y > 0) : points;

  const out: ChartDataset<'line', CurvePoint[]>[] = [
    {
      label: `${label} train`,
      data: keep(downsample(train, MAX_POINTS)),
      borderColor: colors.train,
      backgroundColor: colors.train,
      borderWidth: width,
    },
  ];
  if (test.length > 0) {
    out.push({
      label: `${label} test`,
      data: keep(downsample(test, MAX_POINTS)),
      borderColor: colors.test,
      backgroundColor: colors.test,
      borderDash: [5, 3],
      borderWidth: width,
    });
  }
  return out;
}

/** Axes for `epochs` epochs in the theme's text and grid colours. */
export function curveScales(
  metric: Metric,
  log: boolean,
  epochs: number,
  text: string,
  grid: string,
): ChartOptions<'line'>['scales'] {
  const y: NonNullable<ChartOptions<'line'>['scales']>['y'] = log
    ? {
        type: 'logarithmic',
        ticks: { color: text, maxTicksLimit: 6 },
        grid: { color: grid },
      }
    : {
        type: 'linear',
        ticks: { color: text },
        grid: { color: grid },
        ...(metric === 'accuracy' ? { suggestedMin: 0.5, max: 1 } : {}),
      };
  return {
    x: {
      type: 'linear',
      min: 1,
      max: epochs,
      ticks: { color: text },
      grid: { color: grid },
      title: { display: true, text: 'epoch', color: text },
    },
    y,
  };
}
