// The lab home: one folder holding lab.db, datasets/ and runs/. The desktop app
// and the CLI resolve it the same way, so a run started from one appears in the other.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LabError } from '../common/errors.ts';

export function defaultHome(): string {
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'JEPA Lab');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'JEPA Lab');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'jepa-lab');
}

/** --home beats JEPA_LAB_HOME beats the platform's user data folder. */
export function resolveHome(flag?: string): string {
  return path.resolve(flag ?? process.env.JEPA_LAB_HOME ?? defaultHome());
}

/** Create the home and check it can be written, with an error that says what to do. */
export function ensureHome(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'it is not writable' : code;
    throw new LabError('bad-input', `lab home ${dir} cannot be used: ${why}. Choose another folder with --home DIR or JEPA_LAB_HOME, or free space / fix its permissions.`);
  }
}
