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

/**
 * Create the home and, for commands that write, check it can be written, with
 * an error that says what to do. Read-only commands skip the write check, so
 * they (and `delete`, which frees space) still work on a full disk.
 */
export function ensureHome(dir: string, opts: { probe?: boolean } = {}): void {
  const fail = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'it is not writable' : code;
    return new LabError('bad-input', `lab home ${dir} cannot be used: ${why}. Choose another folder with --home DIR or JEPA_LAB_HOME, or free space / fix its permissions.`);
  };
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fail(e);
  }
  if (opts.probe === false) return;
  try {
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (e) {
    throw fail(e);
  }
}

/**
 * A lab.db of 0 bytes in a home that holds runs or datasets is a lost
 * database (a copy cut short, a disk that filled), not a new lab: SQLite would
 * open it as an empty one, and the runs would silently vanish from the lab.
 */
export function checkLabDb(home: string): void {
  const db = path.join(home, 'lab.db');
  let size: number;
  try {
    const st = fs.statSync(db);
    if (!st.isFile()) throw new LabError('failure', `${db} is not a file; move it aside so that JEPA Lab can create its database there`);
    size = st.size;
  } catch (e) {
    if (e instanceof LabError) throw e;
    return; // none yet: a new lab
  }
  if (size > 0) return;
  let walBytes = 0;
  try {
    walBytes = fs.statSync(`${db}-wal`).size; // a database can live in its write-ahead log until a checkpoint
  } catch {
    /* no log */
  }
  if (walBytes > 0) return;
  const count = (sub: string) => {
    try {
      return fs.readdirSync(path.join(home, sub)).filter((n) => !n.startsWith('.')).length;
    } catch {
      return 0;
    }
  };
  const [runs, datasets] = [count('runs'), count('datasets')];
  if (runs === 0 && datasets === 0) return;
  throw new LabError(
    'failure',
    `${db} is empty (0 bytes), but this home holds ${runs} run folder${runs === 1 ? '' : 's'} and ${datasets} dataset folder${datasets === 1 ? '' : 's'}: ` +
      `the lab's database was lost (a copy cut short, or a disk that filled), and opening it would start an empty lab that knows none of them. ` +
      `Put back lab.db from a backup; or, to start over in this home, move the empty file aside (mv "${db}" "${db}.empty"); \`jepa-lab doctor\` lists what the home holds`,
  );
}
