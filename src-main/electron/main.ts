import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { EventChannels } from '../../src-shared/ipc-channels.ts';
import { LabService } from '../service/lab-service.ts';
import {
  createIpcHandlers,
  createSenderCheck,
  registerIpcHandlers,
  type Dialogs,
} from './ipc.ts';
import { guardUnsavedClose, installMenu } from './menu.ts';
import { electronTrainerLauncher } from './trainer-launcher.ts';
import { createMainWindow, type RendererSource } from './window.ts';

// The Electron main process: one window, one lab service, one trainer
// utility process per run. Built to out/main/index.js next to trainer.js.

const log = (line: string) => console.log(`Main: ${line}`);

/** Where the renderer is loaded from: the built files, or Vite in dev. */
function rendererSource(): RendererSource {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) {
    return { url: devUrl, devOrigin: new URL(devUrl).origin };
  }
  const file = join(__dirname, '../renderer/index.html');
  return { url: pathToFileURL(file).href };
}

/** Opens the window and wires it to a lab service. */
function start(): void {
  const dataDir = app.getPath('userData');
  const service = new LabService({
    dataDir,
    launcher: electronTrainerLauncher(join(__dirname, 'trainer.js')),
  });
  const source = rendererSource();
  const window = createMainWindow(
    join(__dirname, '../preload/index.cjs'),
    source,
  );
  let dirty = false;

  // Looked up on every call, so tests can stand in for the real dialogs.
  const dialogs: Dialogs = {
    showSaveDialog: (options) => dialog.showSaveDialog(window, options),
    showOpenDialog: (options) => dialog.showOpenDialog(window, options),
  };
  const unregister = registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      service,
      dialogs,
      isTrustedSender: createSenderCheck(
        () => (window.isDestroyed() ? null : window.webContents),
        source.url,
      ),
      setDirty: (value) => {
        dirty = value;
      },
      importsDir: join(dataDir, 'datasets'),
    }),
  );

  const unsubscribe = service.onRunEvent((event) => {
    if (!window.isDestroyed()) {
      window.webContents.send(EventChannels.runEvent, event);
    }
  });
  installMenu(window);
  guardUnsavedClose(window, () => dirty);

  window.on('closed', () => {
    unsubscribe();
    unregister();
  });

  // Quitting waits for the trainers to end and the run files to be saved.
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void service
      .dispose()
      .catch((error: unknown) => log(`shutdown: ${String(error)}`))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });
}

// Tests and portable setups may keep the lab's data elsewhere.
if (process.env.MLP_LAB_DATA_DIR) {
  app.setPath('userData', resolve(process.env.MLP_LAB_DATA_DIR));
}
app.enableSandbox();

// Whatever web contents appear later may not embed or open anything either.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) {
  log('another MLP Lab window is already open');
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(`could not start: ${error instanceof Error ? error.message : error}`);
      app.exit(1);
    });
}
