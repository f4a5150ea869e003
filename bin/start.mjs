#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is present; otherwise
// (a headless box, or where Electron could not be downloaded) the same UI served
// to the browser by `jepa-lab serve`. Either way on the bundled digits.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

let electronBinary = null;
try {
  const p = require('electron'); // the path of the binary, when it was downloaded
  if (typeof p === 'string' && fs.existsSync(p)) electronBinary = p;
} catch {
  /* not installed */
}

if (electronBinary && !process.env.JEPA_LAB_NO_ELECTRON) {
  run('npx', ['electron-vite', 'build', '-c', 'electron.config.ts']);
  const child = spawn('npx', ['electron-vite', 'preview', '-c', 'electron.config.ts', '--skipBuild'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD, or no network):');
  console.log('starting the same UI in your browser through `jepa-lab serve`.\n');
  run('npm', ['run', '--silent', 'build:renderer']);
  const child = spawn(process.execPath, ['bin/jepa-lab.mjs', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
