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

/**
 * better-sqlite3 is a native module: the copy in node_modules is built for Node (the CLI
 * uses it), so the app gets its own copy rebuilt against Electron's headers in out/native.
 */
function rebuildSqliteForElectron() {
  const target = 'out/native/better_sqlite3.node';
  const version = JSON.parse(fs.readFileSync('node_modules/electron/package.json', 'utf8')).version;
  const stamp = `${target}.electron-${version}`;
  if (fs.existsSync(target) && fs.existsSync(stamp)) return;
  console.log(`Rebuilding better-sqlite3 for Electron ${version} (once)…`);
  fs.rmSync('out/native-build', { recursive: true, force: true });
  fs.cpSync('node_modules/better-sqlite3', 'out/native-build', { recursive: true });
  const r = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: 'out/native-build', stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nCould not rebuild better-sqlite3 for Electron ${version}: node-gyp needs Electron's headers from electronjs.org and a C++ toolchain (python3, make, g++ / Xcode / MSVC).`);
    console.error('Fix: connect to the network and install the toolchain, then run `npm start` again; or use the browser UI with `JEPA_LAB_NO_ELECTRON=1 npm start`.');
    process.exit(1);
  }
  fs.mkdirSync('out/native', { recursive: true });
  fs.copyFileSync('out/native-build/build/Release/better_sqlite3.node', target);
  fs.writeFileSync(stamp, '');
}

if (electronBinary && !process.env.JEPA_LAB_NO_ELECTRON) {
  run('npx', ['electron-vite', 'build', '-c', 'electron.config.ts']);
  run('npx', ['vite', 'build', '-c', 'worker/browser/vite.config.ts']); // the GPU window's page and worker
  rebuildSqliteForElectron();
  const child = spawn('npx', ['electron-vite', 'preview', '-c', 'electron.config.ts', '--skipBuild'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD, or no network):');
  console.log('starting the same UI in your browser through `jepa-lab serve`.\n');
  run('npm', ['run', '--silent', 'build:renderer']);
  const child = spawn(process.execPath, ['bin/jepa-lab.mjs', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
