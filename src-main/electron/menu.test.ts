import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuAction } from '../../src-shared/lab-api.ts';

vi.mock('electron', () => ({ BrowserWindow: class {}, Menu: {}, dialog: {} }));

const { closeGuard, menuTemplate } = await import('./menu.ts');

/** Every item of a template, depth first. */
function items(
  template: MenuItemConstructorOptions[],
): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('sends each file command to the renderer', () => {
    const sent: MenuAction[] = [];
    const all = items(menuTemplate((action) => sent.push(action), 'linux'));

    for (const label of [
      'Open Model…',
      'Save Model…',
      'Import CSV…',
      'Export History…',
    ]) {
      const item = all.find((entry) => entry.label === label);
      (item?.click as () => void)();
    }

    expect(sent).toEqual([
      'openModel',
      'saveModel',
      'importCsv',
      'exportHistory',
    ]);
    expect(all.some((entry) => entry.role === 'quit')).toBe(true);
  });

  it('puts the application menu first on macOS', () => {
    const template = menuTemplate(() => undefined, 'darwin');
    expect(template[0]?.role).toBe('appMenu');
  });
});

describe('closeGuard', () => {
  /** Runs the guard once; true when the close was cancelled. */
  function cancelled(dirty: boolean, button: number) {
    let asked = false;
    let prevented = false;
    closeGuard(
      () => dirty,
      () => {
        asked = true;
        return button;
      },
    )({ preventDefault: () => (prevented = true) });
    return { asked, prevented };
  }

  it('closes without asking when nothing is unsaved', () => {
    expect(cancelled(false, 0)).toEqual({ asked: false, prevented: false });
  });

  it('keeps the window when the user keeps it open', () => {
    expect(cancelled(true, 0)).toEqual({ asked: true, prevented: true });
  });

  it('closes when the user discards the model', () => {
    expect(cancelled(true, 1)).toEqual({ asked: true, prevented: false });
  });
});
