import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import {
  AccessGuard,
  isWildcard,
  newToken,
  urlHost,
  type Refusal,
} from './access.ts';
import { contentSecurityPolicy } from './csp.ts';
import {
  isInside,
  serviceMethods,
  type LabServiceLike,
  type Log,
} from './lab-methods.ts';
import { sendStatic } from './static-files.ts';
import { serveSocket } from './ws-api.ts';

// Browser mode: the built renderer over HTTP on this machine, LabApi over a
// WebSocket at /api, both behind a per-run token like Jupyter's.

/** How to start the browser-mode server. */
export interface ServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; 127.0.0.1 unless given. */
  host?: string;
  /** Folder for runs and imports; see `defaultDataDir`. */
  dataDir?: string;
  /** The built renderer; out/renderer of this checkout by default. */
  rendererDir?: string;
  /** The lab service to use; a new one with Node trainers by default. */
  service?: LabServiceLike;
  /** Receives log lines; stderr by default. */
  log?: Log;
}

/** A listening server. */
export interface RunningServer {
  /** The URL to open, token included. */
  url: string;
  /** The page origin, e.g. http://127.0.0.1:5178. */
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  /** Closes every connection, then the service if this server made it. */
  close(): Promise<void>;
}

/** Options of `mlp-lab serve`. */
export interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /** Open the URL in the system's browser. */
  open?: boolean;
}

/** The API path; everything else is a static file. */
const API_PATH = '/api';
/** Largest WebSocket message: a 512 MiB CSV plus its JSON envelope. */
const MAX_MESSAGE_BYTES = 520 * 1024 * 1024;

/** The data folder: $MLP_LAB_DATA_DIR, else ~/.mlp-lab. */
export function defaultDataDir(): string {
  return process.env.MLP_LAB_DATA_DIR || join(homedir(), '.mlp-lab');
}

/** out/renderer of this checkout. */
export const defaultRendererDir = fileURLToPath(
  new URL('../../out/renderer', import.meta.url),
);

/** A lab service whose trainers are Node child processes. */
async function nodeLabService(dataDir: string, log: Log) {
  // Loaded here so that a server given its own service needs no trainer.
  const [{ LabService }, { nodeTrainerLauncher }] = await Promise.all([
    import('../service/lab-service.ts'),
    import('../service/node-launcher.ts'),
  ]);
  return new LabService({ dataDir, launcher: nodeTrainerLauncher, log });
}

/** Starts the server; resolves once it listens. */
export async function startServer(
  options: ServerOptions = {},
): Promise<RunningServer> {
  const log: Log = options.log ?? ((line) => console.error(`Server: ${line}`));
  const rendererDir = resolve(options.rendererDir ?? defaultRendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The user interface is not built (${join(rendererDir, 'index.html')} ` +
        'is missing): run npm run build first.',
    );
  }

  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  await mkdir(dataDir, { recursive: true });
  const service = options.service ?? (await nodeLabService(dataDir, log));

  // A page can only hand over CSV text; paths are the lab's own copies.
  const importsDir = join(dataDir, 'datasets');
  const methods = serviceMethods(
    service,
    {
      check: (path) =>
        isInside(path, importsDir)
          ? null
          : 'browser mode reads no files by path; send the file itself',
    },
    log,
  );

  const token = newToken();
  let guard: AccessGuard | null = null;
  const server = createServer((req, res) => {
    if (guard) handleRequest(req, res, guard, rendererDir, log);
    else sendText(res, 503, 'Starting up; try again');
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    const refusal: Refusal | null = !guard
      ? { status: 403, message: 'not ready' }
      : url.pathname !== API_PATH
        ? { status: 403, message: `no WebSocket at ${url.pathname}` }
        : (guard.checkHost(req) ??
          guard.checkOrigin(req) ??
          guard.checkToken(req, url));
    if (refusal) {
      log(`refused a WebSocket: ${refusal.message}`);
      refuseUpgrade(socket, refusal);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) =>
      serveSocket(ws, methods, service, log),
    );
  });

  const port = await listen(server, options.port ?? 0, host);
  guard = new AccessGuard(token, host, port);
  const shownHost = isWildcard(host) ? '127.0.0.1' : urlHost(host);
  const origin = `http://${shownHost}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    dataDir,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      if (!options.service) await service.dispose();
    },
  };
}

/** `mlp-lab serve`: starts the server, prints its URL, runs until Ctrl+C. */
export async function runServe(options: ServeOptions = {}): Promise<void> {
  const server = await startServer({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
  });

  console.log(`MLP Lab is running in browser mode. Open this URL:\n`);
  console.log(`  ${server.url}\n`);
  console.log(`Data folder: ${server.dataDir}`);
  if (options.host && isWildcard(options.host)) {
    console.log(
      'Listening on every network interface: anyone who has the URL ' +
        'above can use the lab.',
    );
  }
  console.log('Press Ctrl+C to stop.');
  if (options.open) openInBrowser(server.url);

  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log('Stopping MLP Lab…');
      void server.close().finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Parses a request's URL; a malformed one becomes "/". */
function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://server');
  } catch {
    return new URL('/', 'http://server');
  }
}

/** Answers one HTTP request: checks first, then a static file. */
function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  guard: AccessGuard,
  rendererDir: string,
  log: Log,
): void {
  const url = requestUrl(req);
  const refusal = guard.checkHost(req) ?? guard.checkToken(req, url);
  if (refusal) {
    log(`refused ${req.method} ${url.pathname}: ${refusal.message}`);
    sendText(res, refusal.status, refusal.message);
    return;
  }

  for (const [name, value] of Object.entries(securityHeaders(req))) {
    res.setHeader(name, value);
  }

  // The token leaves the address bar at once; the cookie carries it on.
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    res.writeHead(302, {
      Location: url.pathname + url.search,
      'Set-Cookie': guard.cookie(),
    });
    res.end();
    return;
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, `${req.method} is not supported`);
    return;
  }
  if (url.pathname === API_PATH) {
    sendText(res, 426, 'The API speaks WebSocket only');
    return;
  }
  sendStatic(rendererDir, url.pathname, res, req.method === 'HEAD').catch(
    (error: unknown) => {
      log(`could not serve ${url.pathname}: ${String(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Could not read the file');
      else res.destroy();
    },
  );
}

/** Headers on every accepted response. */
function securityHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({
      // The Host header was checked, so this names this server.
      connectSources: [`ws://${req.headers.host}`],
    }),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Writes a short plain-text response. */
function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

/** Answers a refused upgrade with a plain HTTP response and hangs up. */
function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.message}\n`;
  const reason = refusal.status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reason}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Listens on `port` at `host`; resolves with the port actually bound. */
function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is in use; pick another with --port`,
            )
          : error.code === 'EADDRNOTAVAIL'
            ? new Error(`${host} is not an address of this machine (--host)`)
            : error,
      ),
    );
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      done((server.address() as AddressInfo).port);
    });
  });
}

/** Opens `url` in the system's browser, best effort. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () =>
    console.log('Could not open a browser; open the URL above yourself.'),
  );
  child.unref();
}
