import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from './serve.ts';
import { fakeService, smallExperiment } from './test-payloads.ts';

/** An HTTP answer, body as text. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GETs `path` on the server with the given headers. */
function get(
  server: RunningServer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens the API socket; resolves when open, rejects with the HTTP status. */
function connect(
  server: RunningServer,
  options: { origin?: string; cookie?: string; query?: string } = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${server.port}/api${options.query ?? ''}`,
      {
        ...(options.origin ? { origin: options.origin } : {}),
        headers: options.cookie ? { Cookie: options.cookie } : {},
      },
    );
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`HTTP ${res.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

/** Sends one call and waits for the reply with its id. */
function call(socket: WebSocket, id: number, method: string, params?: unknown) {
  return new Promise<{ id: number; result: { ok: boolean; error?: string } }>(
    (resolve) => {
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString());
        if (message.id !== id) return;
        socket.off('message', onMessage);
        resolve(message);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    },
  );
}

/** Waits until `done()` holds, checking every 10 ms for up to 5 s. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let root: string;
let server: RunningServer;
let cookie: string;
const fake = fakeService();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlp-lab-serve-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><p>lab</p>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'export {};');
  await writeFile(join(root, 'secret.txt'), 'secret');
  server = await startServer({
    rendererDir: renderer,
    dataDir: join(root, 'data'),
    service: fake.service,
    log: () => undefined,
  });
  cookie = `mlp-lab-${server.port}=${server.token}`;
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('startServer over HTTP', () => {
  it('prints a URL on 127.0.0.1 carrying a long random token', () => {
    expect(server.url).toBe(
      `http://127.0.0.1:${server.port}/?token=${server.token}`,
    );
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 without the token', async () => {
    const answer = await get(server, '/');
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('token');
    expect((await get(server, '/assets/app.js')).status).toBe(401);
    expect((await get(server, '/?token=wrong')).status).toBe(401);
    expect(
      (await get(server, '/', { Cookie: `mlp-lab-${server.port}=nope` }))
        .status,
    ).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie', async () => {
    const answer = await get(server, `/?token=${server.token}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['set-cookie']).toEqual([
      `${cookie}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
  });

  it('serves files with their content type and the CSP once the cookie is set', async () => {
    const page = await get(server, '/', { Cookie: cookie });
    const script = await get(server, '/assets/app.js', { Cookie: cookie });

    expect(page.status).toBe(200);
    expect(page.body).toContain('<p>lab</p>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain(
      "script-src 'self'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(script.headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('refuses a Host header that is not this server', async () => {
    const answer = await get(server, `/?token=${server.token}`, {
      Host: `evil.example:${server.port}`,
    });
    expect(answer.status).toBe(403);
    expect(
      (
        await get(server, '/', {
          Cookie: cookie,
          Host: `localhost:${server.port}`,
        })
      ).status,
    ).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      '/assets/',
      '/%00',
    ]) {
      const answer = await get(server, path, { Cookie: cookie });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('secret');
    }
  });

  it('accepts only GET and HEAD', async () => {
    const answer = await get(server, '/', { Cookie: cookie }, 'POST');
    expect(answer.status).toBe(405);
  });
});

describe('startServer over WebSocket', () => {
  it('refuses an upgrade from a foreign Origin', async () => {
    await expect(
      connect(server, { origin: 'http://evil.example', cookie }),
    ).rejects.toThrow('HTTP 403');
    await expect(connect(server, { cookie })).rejects.toThrow('HTTP 403');
  });

  it('refuses an upgrade without the token', async () => {
    await expect(connect(server, { origin: server.origin })).rejects.toThrow(
      'HTTP 401',
    );
  });

  it('answers calls, refusing bad params by field and unknown methods', async () => {
    const socket = await connect(server, { origin: server.origin, cookie });
    fake.calls.length = 0;

    const listed = await call(socket, 1, 'listRuns');
    const bad = await call(socket, 2, 'stopRun', { runId: '' });
    const unknown = await call(socket, 3, 'constructor');
    const local = await call(socket, 4, 'saveModel', {});
    const byPath = await call(socket, 5, 'importCsv', {
      source: { path: '/etc/passwd' },
    });
    socket.close();

    expect(listed).toEqual({ id: 1, result: { ok: true, value: [] } });
    expect(bad.result).toMatchObject({ ok: false });
    expect(bad.result.error).toMatch(/^runId: /);
    expect(unknown.result).toEqual({
      ok: false,
      error: 'method: unknown method "constructor"',
    });
    expect(local.result).toMatchObject({ ok: false });
    expect(byPath.result.error).toMatch(/^source\.path: /);
    expect(fake.calls.map((c) => c.method)).toEqual(['listRuns']);
  });

  it('accepts the token in the query and pushes run events', async () => {
    const socket = await connect(server, {
      origin: server.origin,
      query: `?token=${server.token}`,
    });
    const events: unknown[] = [];
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if ('event' in message) events.push(message);
    });

    const started = await call(socket, 7, 'startRun', {
      experiment: smallExperiment(),
    });
    fake.emit({ type: 'state', state: 'paused', runId: 'run-1' });
    await call(socket, 8, 'listRuns');
    socket.close();

    expect(started.result).toEqual({ ok: true, value: { runId: 'run-1' } });
    expect(events).toEqual([
      {
        event: 'run',
        data: { type: 'state', state: 'paused', runId: 'run-1' },
      },
    ]);
  });

  it('stops pushing events to a closed socket', async () => {
    // Sockets of earlier tests may still be closing on the server side.
    await until(() => fake.listeners.size === 0);
    const socket = await connect(server, { origin: server.origin, cookie });
    await call(socket, 1, 'listRuns');
    expect(fake.listeners.size).toBe(1);

    socket.close();
    await until(() => fake.listeners.size === 0);
    expect(fake.listeners.size).toBe(0);
  });

  it('answers a message that is not JSON with an error', async () => {
    const socket = await connect(server, { origin: server.origin, cookie });
    const reply = new Promise((resolve) =>
      socket.once('message', (data: Buffer) =>
        resolve(JSON.parse(data.toString())),
      ),
    );
    socket.send('{not json');
    expect(await reply).toEqual({
      id: null,
      result: { ok: false, error: 'message: not JSON' },
    });
    socket.close();
  });
});

describe('startServer without a built renderer', () => {
  it('says to run the build first', async () => {
    await expect(
      startServer({
        rendererDir: join(root, 'missing'),
        service: fake.service,
      }),
    ).rejects.toThrow('run npm run build first');
  });
});
