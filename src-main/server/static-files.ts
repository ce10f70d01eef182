import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

// Serves the built renderer's files: only regular files inside the root,
// each with its content type, never a directory listing.

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The content type for a file name; unknown kinds are plain bytes. */
export function contentType(path: string): string {
  return (
    contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
  );
}

/** Maps a URL path to a file inside `root`, or null when it leaves root. */
export function resolveStaticPath(
  root: string,
  urlPath: string,
): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;

  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const target = resolve(join(base, relative));
  return target.startsWith(base + sep) ? target : null;
}

/** Writes the file for `urlPath` to `res`, or a 404. */
export async function sendStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  headOnly: boolean,
): Promise<void> {
  const path = resolveStaticPath(root, urlPath);
  const info = path ? await stat(path).catch(() => null) : null;
  if (!path || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
    return;
  }

  res.writeHead(200, {
    'Content-Type': contentType(path),
    'Content-Length': info.size,
  });
  if (headOnly) {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}
