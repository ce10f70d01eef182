import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunEvent } from '../../src-shared/lab-api.ts';
import { startServer, type RunningServer } from './serve.ts';
import { smallExperiment } from './test-payloads.ts';

// A whole run through browser mode: the real lab service, a real trainer
// child process, the WebSocket protocol end to end.

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlp-lab-full-run-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
  server = await startServer({
    rendererDir: join(root, 'renderer'),
    dataDir: join(root, 'data'),
    log: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('browser mode with the real lab service', () => {
  it('runs a small experiment to done over the WebSocket', async () => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${server.port}/api?token=${server.token}`,
      { origin: server.origin },
    );
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });

    const replies = new Map<number, unknown>();
    const events: RunEvent[] = [];
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.event === 'run') events.push(message.data);
      else replies.set(message.id, message.result);
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
    };

    socket.send(
      JSON.stringify({
        id: 1,
        method: 'startRun',
        params: { experiment: smallExperiment(5), name: 'over the socket' },
      }),
    );
    await until(() => replies.has(1));
    const started = replies.get(1) as { ok: true; value: { runId: string } };
    expect(started.ok).toBe(true);
    const { runId } = started.value;

    await until(() =>
      events.some((e) => e.runId === runId && e.type === 'done'),
    );
    socket.send(JSON.stringify({ id: 2, method: 'listRuns' }));
    await until(() => replies.has(2));
    socket.close();

    const ours = events.filter((event) => event.runId === runId);
    const done = ours.find((event) => event.type === 'done');
    const epochs = ours.flatMap((event) =>
      event.type === 'progress' ? event.epochs.map((e) => e.epoch) : [],
    );
    expect(ours[0]?.type).toBe('started');
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
    expect(done).toMatchObject({ type: 'done', reason: 'completed' });
    expect(done?.type === 'done' && done.model.epochsDone).toBe(5);
    expect(replies.get(2)).toMatchObject({
      ok: true,
      value: [{ id: runId, name: 'over the socket', epochsDone: 5 }],
    });
  });
});
