import type { PreparedData } from '../../../src-shared/data/index.ts';
import type { BoundaryGrid } from '../../../src-shared/ui-model/boundary.ts';
import { drawPoint, scale } from './canvas.ts';
import { classColor, cssColor, rgb } from './theme.svelte.ts';

// The decision boundary picture: the grid as a soft heatmap in the class
// colours, and the samples on top (training filled, test hollow).

/** An offscreen image of the grid, one pixel per cell. */
function heatmap(grid: BoundaryGrid): HTMLCanvasElement {
  const size = grid.size;
  const image = document.createElement('canvas');
  image.width = size;
  image.height = size;
  const ctx = image.getContext('2d');
  if (!ctx) return image;

  const pixels = ctx.createImageData(size, size);
  const background = rgb(cssColor('--panel'));
  const colors = Array.from({ length: 8 }, (_, k) => rgb(classColor(k)));
  for (let i = 0; i < size * size; i++) {
    const color = colors[grid.label[i] % 8];

    // Cells fade towards the panel colour near the boundary.
    const alpha = 0.12 + 0.5 * grid.strength[i];
    for (let ch = 0; ch < 3; ch++) {
      const base = background[ch];
      pixels.data[i * 4 + ch] = base + (color[ch] - base) * alpha;
    }
    pixels.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return image;
}

/** Draws the grid and the samples of features fx and fy onto `ctx`. */
export function drawBoundary(
  ctx: CanvasRenderingContext2D,
  grid: BoundaryGrid,
  prepared: PreparedData,
  fx: number,
  fy: number,
  width: number,
  height: number,
): void {
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(heatmap(grid), 0, 0, width, height);

  const n = prepared.nFeatures;
  const a = Math.min(fx, n - 1);
  const b = Math.min(fy, n - 1);
  const sx = scale(grid.xRange, 0, width);
  const sy = scale(grid.yRange, height, 0);
  const colors = prepared.classNames.map((_, k) => classColor(k));

  const parts = [
    {
      x: prepared.xTrain,
      labels: prepared.labelsTrain,
      count: prepared.nTrain,
      filled: true,
    },
    {
      x: prepared.xTest,
      labels: prepared.labelsTest,
      count: prepared.nTest,
      filled: false,
    },
  ];
  for (const part of parts) {
    for (let i = 0; i < part.count; i++) {
      const px = sx(part.x[i * n + a]);
      const py = sy(part.x[i * n + b]);
      const radius = part.filled ? 2.4 : 2.8;
      drawPoint(ctx, px, py, colors[part.labels[i]], part.filled, radius);
    }
  }
}
