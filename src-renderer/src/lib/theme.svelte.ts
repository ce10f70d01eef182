// Canvases cannot use CSS custom properties directly: they read them here,
// and redraw when the system switches between light and dark.

const query =
  typeof matchMedia === 'function'
    ? matchMedia('(prefers-color-scheme: dark)')
    : null;

/** Reactive theme facts; `version` changes whenever colours change. */
export const theme = $state({ dark: query?.matches ?? false, version: 0 });

// Reading computed styles is slow enough to matter when charts redraw every
// frame, so values are kept until the theme changes.
const cache = new Map<string, string>();

query?.addEventListener('change', (event) => {
  cache.clear();
  theme.dark = event.matches;
  theme.version++;
});

/** The current value of a CSS custom property, e.g. `--text`. */
export function cssColor(name: string): string {
  let value = cache.get(name);
  if (value === undefined) {
    value = getComputedStyle(document.documentElement)
      .getPropertyValue(name)
      .trim();
    cache.set(name, value);
  }
  return value;
}

/** The colour of class `k`, cycling through eight. */
export function classColor(k: number): string {
  return cssColor(`--class-${k % 8}`);
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as [r, g, b] in 0–255, as the browser resolves it. */
export function rgb(color: string): [number, number, number] {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return [0, 0, 0];

  // The canvas normalizes every colour syntax (`#fff`, `rgb()`) to #rrggbb.
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  const normalized = String(probe.fillStyle);
  const match = /^#([0-9a-f]{6})$/i.exec(normalized);
  if (match) {
    const n = parseInt(match[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const parts = normalized.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  return [parts[0], parts[1], parts[2]];
}
