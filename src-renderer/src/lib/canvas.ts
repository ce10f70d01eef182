// Helpers for the plots drawn on canvases: crisp pixels on high-density
// screens and a linear map from data to pixels.

export { columnRange } from '../../../src-shared/ui-model/boundary.ts';

/** Sizes the canvas for `width`×`height` CSS pixels and returns its context. */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Maps [min, max] linearly onto [from, to]. */
export function scale(
  [min, max]: [number, number],
  from: number,
  to: number,
): (value: number) => number {
  const k = (to - from) / (max - min);
  return (value) => from + (value - min) * k;
}

/** Draws one sample: filled for training, a ring for testing. */
export function drawPoint(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  color: string,
  filled: boolean,
  radius = 3,
): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, Math.PI * 2);
  if (filled) {
    ctx.fillStyle = color;
    ctx.fill();
  } else {
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = color;
    ctx.stroke();
  }
}
