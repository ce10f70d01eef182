import { describe, expect, it, vi } from 'vitest';

// Only the module import needs Electron; the functions under test take
// their session and web contents as arguments.
vi.mock('electron', () => ({ BrowserWindow: class {} }));

const { hardenContents, hardenSession, isAppRequest, windowOptions } =
  await import('./window.ts');

const source = { url: 'file:///opt/lab/out/renderer/index.html' };

describe('windowOptions', () => {
  it('isolates, sandboxes and strips Node from the renderer', () => {
    const prefs = windowOptions(
      '/opt/lab/out/preload/index.cjs',
    ).webPreferences;

    expect(prefs).toMatchObject({
      preload: '/opt/lab/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs?.enableBlinkFeatures).toBeUndefined();
  });
});

describe('isAppRequest', () => {
  it('accepts files of the renderer folder only', () => {
    expect(
      isAppRequest('file:///opt/lab/out/renderer/assets/a.js', source),
    ).toBe(true);
    expect(isAppRequest('file:///etc/passwd', source)).toBe(false);
    expect(isAppRequest('https://cdn.example/a.js', source)).toBe(false);
  });

  it('accepts the development server by origin', () => {
    const dev = {
      url: 'http://localhost:5173/',
      devOrigin: 'http://localhost:5173',
    };
    expect(isAppRequest('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isAppRequest('http://localhost:8080/', dev)).toBe(false);
  });
});

/** A session double that keeps the handlers it is given. */
function fakeSession() {
  const handlers: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    setPermissionRequestHandler: (fn: never) => (handlers.request = fn),
    setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
    webRequest: {
      onBeforeRequest: (_filter: unknown, fn: never) => (handlers.before = fn),
      onHeadersReceived: (fn: never) => (handlers.headers = fn),
    },
  };
  return { session, handlers };
}

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session as never, source);

    const answers: boolean[] = [];
    const request = handlers.request as unknown as (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    request(null, 'media', (granted) => answers.push(granted));
    request(null, 'geolocation', (granted) => answers.push(granted));
    const check = handlers.check as unknown as (...a: unknown[]) => boolean;

    expect(answers).toEqual([false, false]);
    expect(check(null, 'notifications', 'file://', {})).toBe(false);
  });

  it('cancels network requests', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session as never, source);

    const before = handlers.before as unknown as (
      d: { url: string },
      cb: (r: { cancel: boolean }) => void,
    ) => void;
    const answers: boolean[] = [];
    before({ url: 'https://example.com/x.js' }, (r) => answers.push(r.cancel));

    expect(answers).toEqual([true]);
  });

  it("adds the Content-Security-Policy to the app's own files", () => {
    const { session, handlers } = fakeSession();
    hardenSession(session as never, source);
    const headers = handlers.headers as unknown as (
      d: { url: string; responseHeaders: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;

    let own: Record<string, string[]> = {};
    headers(
      { url: source.url, responseHeaders: {} },
      (r) => (own = r.responseHeaders),
    );

    const policy = own['Content-Security-Policy']?.[0] ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('hardenContents', () => {
  it('blocks navigation, new windows and webviews', () => {
    const listeners: Record<string, (event: unknown) => void> = {};
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (event: unknown) => void) => {
        listeners[name] = fn;
      },
      setWindowOpenHandler: (fn: () => { action: string }) => {
        openHandler = fn;
      },
    };
    hardenContents(contents as never);

    const prevented: string[] = [];
    for (const name of ['will-navigate', 'will-attach-webview']) {
      listeners[name]?.({ preventDefault: () => prevented.push(name) });
    }
    listeners['will-frame-navigate']?.({
      isMainFrame: false,
      preventDefault: () => prevented.push('will-frame-navigate'),
    });

    expect(prevented).toEqual([
      'will-navigate',
      'will-attach-webview',
      'will-frame-navigate',
    ]);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});
