#!/usr/bin/env node
// `npm start`: builds the app, then opens the Electron desktop app. Where
// Electron's binary is missing (it is downloaded from GitHub when the
// electron package installs, which not every machine can reach), the same
// interface starts in browser mode instead, served on this machine only.
// Arguments after `npm start --` go to Electron or to `mlp-lab serve`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { findElectronBinary } from './find-electron.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** Runs a command to completion, exiting with its code if it fails. */
function runOrExit(command, commandArgs) {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`start: could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Starts a long-running child and mirrors its exit. */
function handOver(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  child.on('error', (error) => {
    console.error(`start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));

  // Ctrl+C reaches the child through the terminal; SIGTERM may not.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => undefined);
}

const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
console.log('start: building the app (electron-vite build)…');
runOrExit(process.execPath, [electronVite, 'build']);

const electron = findElectronBinary();
if (electron.binary) {
  // Chromium refuses to start as root unless its own sandbox is off.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    console.log(
      'start: running as root, so Chromium’s OS sandbox is turned off ' +
        '(--no-sandbox); run as a normal user to keep it.',
    );
  }
  handOver(electron.binary, [
    ...(asRoot ? ['--no-sandbox'] : []),
    root,
    ...args,
  ]);
} else {
  console.log(
    `\nMLP Lab cannot open its desktop window here: Electron is not ` +
      `available, because ${electron.reason}. Starting browser mode ` +
      'instead: the same interface, served to a browser on this machine ' +
      'only and guarded by the token in the URL printed below. Open that ' +
      'URL in a browser; press Ctrl+C here to stop.\n',
  );
  handOver(process.execPath, [
    join(root, 'bin', 'mlp-lab.js'),
    'serve',
    ...args,
  ]);
}
