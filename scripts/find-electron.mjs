// Where the Electron executable is, without requiring the electron package:
// its entry tries to download a missing binary, which fails (slowly) on a
// machine that cannot reach GitHub.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Electron executable, or the reason there is none.
 * @returns {{ binary: string } | { reason: string }}
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }

  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return {
      reason:
        `${join(packageDir, 'dist')} is missing (Electron downloads its ` +
        'binary from GitHub when it installs, and that never happened)',
    };
  }
  const name = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : 'electron';
  const binary = override
    ? join(override, name)
    : join(packageDir, 'dist', name);
  return existsSync(binary)
    ? { binary }
    : { reason: `${binary} does not exist` };
}
