import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Result } from '../../src-shared/lab-api.ts';
import { startServer, type RunningServer } from './serve.ts';
import { fakeService, smallExperiment } from './test-payloads.ts';

// The browser-mode client against the real server. Node's `ws` stands in
// for the browser's WebSocket; the token goes in the socket URL because
// there is no cookie jar here.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
const { createBrowserLab } =
  await import('../../src-renderer/src/lib/browser-lab.ts');

let root: string;
let server: RunningServer;
const fake = fakeService();

/** A socket URL that the server accepts without a cookie. */
const apiUrl = () => `ws://127.0.0.1:${server.port}/api?token=${server.token}`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlp-lab-client-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
  server = await startServer({
    rendererDir: join(root, 'renderer'),
    dataDir: join(root, 'data'),
    service: fake.service,
    log: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

// `ws` sends no Origin unless told; the browser always does. Patch the
// constructor so the client looks like the app's own page.
class PageSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: server.origin });
  }
}

describe('createBrowserLab', () => {
  it('carries calls to the lab service and its results back', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = PageSocket;
    const lab = createBrowserLab(apiUrl());
    fake.calls.length = 0;

    const started = await lab.startRun({ experiment: smallExperiment() });
    const listed = await lab.listRuns();
    const bad = await lab.stopRun({ runId: 'no spaces' });

    expect(started).toEqual({ ok: true, value: { runId: 'run-1' } });
    expect(listed).toEqual({ ok: true, value: [] });
    expect(bad.ok).toBe(false);
    expect(fake.calls.map((c) => c.method)).toEqual(['startRun', 'listRuns']);
  });

  it('delivers run events to listeners until they unsubscribe', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = PageSocket;
    const lab = createBrowserLab(apiUrl());
    const seen: string[] = [];
    const unsubscribe = lab.onRunEvent((event) => seen.push(event.type));
    await lab.listRuns();

    fake.emit({ type: 'state', state: 'paused', runId: 'run-1' });
    await lab.listRuns();
    unsubscribe();
    fake.emit({ type: 'state', state: 'running', runId: 'run-1' });
    await lab.listRuns();

    expect(seen).toEqual(['state']);
  });

  it('answers pending calls with an error when the connection drops', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = PageSocket;
    const lab = createBrowserLab(apiUrl());
    await lab.listRuns();
    const original = fake.service.getRunModel;
    let hung = false;
    fake.service.getRunModel = () => {
      hung = true;
      return new Promise<never>(() => undefined);
    };

    const pending = lab.getRunModel({ runId: 'run-1' });
    while (!hung) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    const result: Result<unknown> = await pending;
    fake.service.getRunModel = original;

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/connection .* was lost/);
  });

  it('says the server cannot be reached when nothing listens', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = PageSocket;
    const lab = createBrowserLab(apiUrl());
    const result = await lab.listRuns();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /Cannot reach the MLP Lab server/,
    );
  });
});
