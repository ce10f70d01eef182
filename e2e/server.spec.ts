import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Page } from '@playwright/test';
// Node's client, for what a browser cannot do (set a foreign Origin).
import { WebSocket as NodeSocket } from 'ws';
import { smallExperiment } from '../src-main/server/test-payloads.ts';
import { expect, test } from './harness/fixtures.ts';

// Browser mode's gatekeeping, seen from a real browser: the token in the
// URL becomes a cookie, nothing is served without it, and only the app's
// own origin may open the API socket.

/** Tries to open the API socket from `page`; resolves true if it opened. */
function socketOpensFrom(page: Page, url: string) {
  return page.evaluate(
    (target) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(target);
        socket.onopen = () => {
          socket.close();
          resolve(true);
        };
        socket.onerror = () => resolve(false);
      }),
    url,
  );
}

test.describe('browser mode server', () => {
  test('loads the app over HTTP with the token, then drops it from the URL', async ({
    labPage,
    labServer,
    pageErrors,
  }) => {
    await expect(labPage).toHaveURL(`${labServer.origin}/`);
    await expect(labPage).toHaveTitle(/MLP Lab/);
    await expect(labPage.locator('#app > *').first()).toBeVisible();

    const cookies = await labPage.context().cookies(labServer.origin);
    expect(cookies).toEqual([
      expect.objectContaining({
        name: `mlp-lab-${labServer.port}`,
        httpOnly: true,
        sameSite: 'Strict',
      }),
    ]);
    expect(await labPage.evaluate(() => document.cookie)).toBe('');
    expect(pageErrors).toEqual([]);
  });

  test('answers 401 to a request without the token', async ({ labServer }) => {
    const anonymous = await httpRequest.newContext();
    const page = await anonymous.get(`${labServer.origin}/`);
    const wrong = await anonymous.get(`${labServer.origin}/?token=guess`);

    expect(page.status()).toBe(401);
    expect(await page.text()).toContain('token');
    expect(wrong.status()).toBe(401);
    await anonymous.dispose();
  });

  test('sends the Content-Security-Policy with the page', async ({
    labPage,
    labServer,
  }) => {
    const response = await labPage.request.get(`${labServer.origin}/`);
    const policy = response.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  test('opens the API socket from the app but not from another origin', async ({
    labPage,
    labServer,
  }) => {
    const api = `ws://127.0.0.1:${labServer.port}/api`;
    expect(await socketOpensFrom(labPage, api)).toBe(true);

    // A page on another port of the same machine is same-site, so the
    // cookie goes along: only the Origin check stands in the way.
    const other = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><p>elsewhere</p>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const evil = await labPage.context().newPage();
    await evil.goto(`${otherOrigin}/page`);
    const refusals = labServer.log.length;
    expect(await socketOpensFrom(evil, api)).toBe(false);
    await evil.close();
    other.close();

    expect(labServer.log.slice(refusals)).toEqual([
      `refused a WebSocket: Origin "${otherOrigin}" may not connect to this server`,
    ]);
  });

  test('refuses a foreign Origin even with a valid cookie', async ({
    labServer,
  }) => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new NodeSocket(`ws://127.0.0.1:${labServer.port}/api`, {
        origin: 'http://evil.example',
        headers: { Cookie: `mlp-lab-${labServer.port}=${labServer.token}` },
      });
      socket.once('open', () => reject(new Error('the socket opened')));
      socket.once('unexpected-response', (_req, res) =>
        resolve(res.statusCode ?? 0),
      );
    });
    expect(status).toBe(403);
  });

  test('runs an experiment from the page through the API socket', async ({
    labPage,
    labServer,
  }) => {
    const api = `ws://127.0.0.1:${labServer.port}/api`;
    const outcome = await labPage.evaluate(
      ({ url, experiment }) =>
        new Promise<{ epochs: number[]; done: unknown }>((resolve, reject) => {
          const socket = new WebSocket(url);
          const epochs: number[] = [];
          socket.onopen = () =>
            socket.send(
              JSON.stringify({
                id: 1,
                method: 'startRun',
                params: { experiment },
              }),
            );
          socket.onerror = () => reject(new Error('socket failed'));
          socket.onmessage = (message) => {
            const data = JSON.parse(message.data);
            if (data.id === 1 && !data.result.ok)
              reject(new Error(data.result.error));
            if (data.event !== 'run') return;
            if (data.data.type === 'progress') {
              for (const record of data.data.epochs) epochs.push(record.epoch);
            }
            if (data.data.type === 'done') {
              socket.close();
              resolve({ epochs, done: data.data });
            }
          };
        }),
      { url: api, experiment: smallExperiment(4) },
    );

    expect(outcome.epochs).toEqual([1, 2, 3, 4]);
    expect(outcome.done).toMatchObject({ reason: 'completed' });
  });
});
