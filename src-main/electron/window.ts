import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { contentSecurityPolicy } from '../server/csp.ts';

// The one application window and the rules its web contents live by: no
// Node, sandboxed, isolated, no navigation, no new windows, no permissions,
// nothing loaded from the network.

/** Where the renderer comes from: the built file, or the dev server. */
export interface RendererSource {
  /** The URL the window loads; a file: URL except in development. */
  url: string;
  /** Origin of the development server, when `url` points at it. */
  devOrigin?: string;
}

/** The hardened options of the main window. */
export function windowOptions(
  preloadPath: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MLP Lab',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
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
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** True for a request the app itself makes: its files or the dev server. */
export function isAppRequest(url: string, source: RendererSource): boolean {
  if (source.devOrigin) {
    try {
      return new URL(url).origin === source.devOrigin;
    } catch {
      return false;
    }
  }
  const folder = source.url.slice(0, source.url.lastIndexOf('/') + 1);
  return url.startsWith(folder);
}

/** Denies every permission and blocks every request to the network. */
export function hardenSession(session: Session, source: RendererSource): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.setPermissionCheckHandler(() => false);

  // Nothing remote is ever needed; the dev server is the one exception.
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) =>
      callback({ cancel: !isAppRequest(details.url, source) }),
  );

  // Vite's dev client talks to its server over a WebSocket.
  const devSocket = source.devOrigin?.replace(/^http/, 'ws');
  const policy = contentSecurityPolicy({
    connectSources: devSocket ? [devSocket] : [],
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppRequest(details.url, source)) {
      callback({ responseHeaders: details.responseHeaders });
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/** Stops a web contents from navigating, opening windows or embedding. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Creates the main window, hardened, and starts loading the renderer. */
export function createMainWindow(
  preloadPath: string,
  source: RendererSource,
): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath));
  hardenSession(window.webContents.session, source);
  hardenContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(source.url);
  return window;
}
