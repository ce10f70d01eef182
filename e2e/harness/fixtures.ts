import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import {
  startServer,
  type RunningServer,
} from '../../src-main/server/serve.ts';

// Fixtures for browser-mode specs. Each spec file gets its own server on a
// free port with a fresh, empty data folder; each test gets a page already
// opened on the server's tokened URL (so the session cookie is set).

/** A browser-mode server started for one spec file. */
export interface LabServer extends RunningServer {
  /** Lines the server logged, newest last. */
  log: string[];
}

/** Starts a server per spec file and closes it when the file is done. */
class ServerPerFile {
  private file: string | null = null;
  private server: LabServer | null = null;

  async forFile(file: string): Promise<LabServer> {
    if (this.server && this.file === file) return this.server;
    await this.close();

    const dataDir = await mkdtemp(join(tmpdir(), 'mlp-lab-e2e-'));
    const log: string[] = [];
    const running = await startServer({
      dataDir,
      log: (line) => log.push(line),
    });
    this.file = file;
    this.server = { ...running, log };
    return this.server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.file = null;
    if (!server) return;
    await server.close();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}

/** Fixtures a browser-mode spec can ask for. */
export interface LabFixtures {
  /** The spec file's server: url (with token), origin, token, dataDir. */
  labServer: LabServer;
  /** A page on the app, loaded through the tokened URL. */
  labPage: Page;
  /** Uncaught errors of `labPage` so far; checked empty after each test. */
  pageErrors: Error[];
}

/** Playwright's `test` with the lab's fixtures. */
export const test = base.extend<LabFixtures, { serverPerFile: ServerPerFile }>({
  serverPerFile: [
    async ({}, use) => {
      const pool = new ServerPerFile();
      await use(pool);
      await pool.close();
    },
    { scope: 'worker' },
  ],

  labServer: async ({ serverPerFile }, use, testInfo) => {
    const server = await serverPerFile.forFile(testInfo.file);
    const seen = server.log.length;
    await use(server);
    const lines = server.log.slice(seen);
    if (lines.length > 0) {
      await testInfo.attach('server-log', { body: lines.join('\n') });
    }
  },

  pageErrors: async ({}, use) => {
    await use([]);
  },

  labPage: async ({ page, labServer, pageErrors }, use, testInfo) => {
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(labServer.url);
    await use(page);
    if (pageErrors.length > 0) {
      await testInfo.attach('page-errors', {
        body: pageErrors.map((e) => e.stack ?? e.message).join('\n\n'),
      });
    }
  },
});

export { expect };
