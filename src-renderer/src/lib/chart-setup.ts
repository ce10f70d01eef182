import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { cssColor } from './theme.svelte.ts';

// chart.js with only the parts the curves use, registered once.

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Legend,
  Tooltip,
);

/** Paints the panel colour behind a chart, so exported images are opaque. */
export const backgroundPlugin: Plugin<'line'> = {
  id: 'panelBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = cssColor('--panel');
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export { Chart };
