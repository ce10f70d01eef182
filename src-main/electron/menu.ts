import {
  BrowserWindow,
  Menu,
  dialog,
  type MenuItemConstructorOptions,
} from 'electron';
import { EventChannels } from '../../src-shared/ipc-channels.ts';
import type { MenuAction } from '../../src-shared/lab-api.ts';

// The application menu and the question asked before an unsaved trained
// model is thrown away. Menu commands go to the renderer as MenuActions.

/** The menu, as a template; `send` forwards a command to the renderer. */
export function menuTemplate(
  send: (action: MenuAction) => void,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: 'Open Model…',
        accelerator: 'CmdOrCtrl+O',
        click: () => send('openModel'),
      },
      {
        label: 'Save Model…',
        accelerator: 'CmdOrCtrl+S',
        click: () => send('saveModel'),
      },
      { type: 'separator' },
      {
        label: 'Import CSV…',
        accelerator: 'CmdOrCtrl+I',
        click: () => send('importCsv'),
      },
      {
        label: 'Export History…',
        accelerator: 'CmdOrCtrl+E',
        click: () => send('exportHistory'),
      },
      { type: 'separator' },
      { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      { role: 'toggleDevTools' },
    ],
  };

  // macOS keeps Quit in the application menu named after the app.
  if (platform === 'darwin') {
    return [{ role: 'appMenu' }, file, edit, view, { role: 'windowMenu' }];
  }
  return [file, edit, view];
}

/** Installs the application menu, forwarding commands to `window`. */
export function installMenu(window: BrowserWindow): void {
  const send = (action: MenuAction) => {
    if (!window.isDestroyed())
      window.webContents.send(EventChannels.menu, action);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send)));
}

/** Buttons of the unsaved-model question; the first one keeps the window. */
export const unsavedButtons = ['Keep Open', 'Close Without Saving'] as const;

/** A 'close' listener that asks first when a trained model is unsaved. */
export function closeGuard(
  isDirty: () => boolean,
  ask: () => number,
): (event: { preventDefault(): void }) => void {
  return (event) => {
    if (!isDirty()) return;
    if (ask() !== 1) event.preventDefault();
  };
}

/** Asks before `window` closes while `isDirty()` says a model is unsaved. */
export function guardUnsavedClose(
  window: BrowserWindow,
  isDirty: () => boolean,
): void {
  const ask = () =>
    dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: [...unsavedButtons],
      defaultId: 0,
      cancelId: 0,
      title: 'Unsaved model',
      message: 'The trained model has not been saved.',
      detail: 'Closing now discards it. Use File › Save Model… to keep it.',
    });
  window.on('close', closeGuard(isDirty, ask));
}
