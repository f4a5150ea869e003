// `jepa-lab doctor`: what is wrong with a lab home, and what to do, without
// changing anything in it: the home (writable, free space), the database
// (opens, PRAGMA integrity_check, schema version), each dataset's folder, each
// checkpoint's files, leftovers of writes that did not finish, and which
// TensorFlow.js backends start (in a worker job: the lab process never loads
// TensorFlow.js). It reads the database read-only and works when the
// database does not open at all, from the folders on disk.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { checkpointProblems } from '../common/checkpoint-files.ts';
import { errorLine } from '../common/errors.ts';
import { checkDatasetFolder, readImageSetMeta } from '../common/imageset.ts';
import { runWorkerJob } from '../runs/jobs.ts';
import { SCHEMA_VERSION, storeError } from '../store/store.ts';
import { checkLabDb } from './home.ts';

export interface DoctorCheck {
  /** what was checked: "home", "database", "dataset digits", "checkpoint run 3 step 500", "backend wasm", … */
  what: string;
  ok: boolean;
  detail: string;
  /** what to do about it, when not ok */
  fix?: string;
}

export interface DoctorReport {
  home: string;
  ok: boolean;
  checks: DoctorCheck[];
}

/** Below this much free space a training run soon fails. */
const LOW_SPACE = 200e6;
const MB = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

export async function doctor(home: string, opts: { backends?: boolean } = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const add = (c: DoctorCheck) => checks.push(c);

  // ── the home
  if (!fs.existsSync(home)) {
    add({ what: 'home', ok: false, detail: `${home} does not exist`, fix: 'any command that writes (e.g. `jepa-lab train`) creates it, or give another with --home DIR' });
    return { home, ok: false, checks };
  }
  try {
    const probe = path.join(home, `.doctor-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    add({ what: 'home', ok: true, detail: `${home} is writable` });
  } catch (e) {
    add({ what: 'home', ok: false, detail: `${home} cannot be written: ${errorLine(e)}`, fix: 'free some space or fix its permissions; read-only commands (runs, show, datasets, export) and delete still work' });
  }
  try {
    const st = fs.statfsSync(home);
    const free = st.bavail * st.bsize;
    add({ what: 'free space', ok: free >= LOW_SPACE, detail: `${MB(free)} free of ${MB(st.blocks * st.bsize)}`, fix: free >= LOW_SPACE ? undefined : `free some space: a run's metrics and checkpoints need room (delete old runs with \`jepa-lab delete RUN --yes\`)` });
  } catch {
    /* statfs is not available everywhere */
  }

  // ── the database
  const file = path.join(home, 'lab.db');
  let db: Database.Database | null = null;
  try {
    checkLabDb(home);
    if (!fs.existsSync(file)) add({ what: 'database', ok: true, detail: `${file} does not exist yet (a new lab)` });
    else {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const version = db.pragma('user_version', { simple: true }) as number;
      const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
      if (problems.length)
        add({ what: 'database', ok: false, detail: `${file} fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, fix: `move it aside (mv "${file}" "${file}.damaged") and start an empty lab, or try \`sqlite3 "${file}" .recover | sqlite3 recovered.db\`` });
      else if (version > SCHEMA_VERSION) add({ what: 'database', ok: false, detail: `${file} has schema version ${version}, newer than this JEPA Lab (${SCHEMA_VERSION})`, fix: 'update JEPA Lab' });
      else add({ what: 'database', ok: true, detail: `${file}: integrity ok, schema version ${version}${version < SCHEMA_VERSION ? ` (the next command that writes upgrades it to ${SCHEMA_VERSION})` : ''}` });
    }
  } catch (e) {
    db?.close();
    db = null;
    add({ what: 'database', ok: false, detail: storeError(file, e).message });
  }

  // ── datasets: from the database's rows, else the folders on disk
  type Row = { id: number; name: string; count: number; path: string };
  let datasets: Row[] = [];
  try {
    if (db) datasets = db.prepare('SELECT id, name, count, path FROM datasets ORDER BY id').all() as Row[];
  } catch (e) {
    add({ what: 'datasets', ok: false, detail: `cannot read the datasets from ${file}: ${errorLine(e)}` });
  }
  if (!db) {
    const root = path.join(home, 'datasets');
    for (const n of fs.existsSync(root) ? fs.readdirSync(root).filter((n) => !n.startsWith('.')) : []) {
      try {
        const m = readImageSetMeta(path.join(root, n));
        datasets.push({ id: 0, name: m.name, count: m.count, path: path.join(root, n) });
      } catch (e) {
        add({ what: `dataset folder ${n}`, ok: false, detail: errorLine(e) });
      }
    }
  }
  for (const d of datasets) {
    try {
      const m = readImageSetMeta(d.path);
      checkDatasetFolder(d, m);
      const px = m.count * m.size * m.size * m.channels;
      const want: [string, number][] = [['pixels.u8', px], ['split.u8', m.count], ...(m.labeled ? ([['labels.i32', 4 * m.count]] as [string, number][]) : [])];
      const bad = want.filter(([f, bytes]) => !fs.existsSync(path.join(d.path, f)) || fs.statSync(path.join(d.path, f)).size !== bytes).map(([f]) => f);
      if (bad.length) add({ what: `dataset ${d.name}`, ok: false, detail: `${bad.join(', ')} in ${d.path} ${bad.length > 1 ? 'are' : 'is'} missing or the wrong size`, fix: 'import its images again' });
      else add({ what: `dataset ${d.name}`, ok: true, detail: `${m.count} images in ${d.path}` });
    } catch (e) {
      add({ what: `dataset ${d.name}`, ok: false, detail: errorLine(e), fix: 'import its images again' });
    }
  }

  // ── checkpoints, from the folders on disk (and the rows that point at missing ones)
  const runsRoot = path.join(home, 'runs');
  for (const run of fs.existsSync(runsRoot) ? fs.readdirSync(runsRoot).filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b)) : []) {
    const root = path.join(runsRoot, run, 'checkpoints');
    if (!fs.existsSync(root)) continue;
    for (const n of fs.readdirSync(root).sort()) {
      const dir = path.join(root, n);
      if (n.endsWith('.tmp') || n.endsWith('.old')) {
        add({ what: `run ${run} ${n}`, ok: false, detail: `a checkpoint write that did not finish left ${dir}`, fix: `\`jepa-lab resume ${run}\` clears it (or remove it)` });
        continue;
      }
      const m = /^step-(\d+)$/.exec(n);
      if (!m) continue;
      let projector = false;
      try {
        projector = (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { regularization?: { projector_dim?: number } }).regularization?.projector_dim! > 0;
      } catch {
        /* reported below as config.json's problem */
      }
      const problems = checkpointProblems(dir, { projector, step: Number(m[1]) });
      add({
        what: `run ${run} checkpoint step ${Number(m[1])}`,
        ok: problems.length === 0,
        detail: problems.length ? problems.join('; ') : 'files whole',
        fix: problems.length ? `\`jepa-lab resume ${run}\` skips it and continues from the newest intact checkpoint` : undefined,
      });
    }
  }
  if (db) {
    try {
      for (const c of db.prepare('SELECT run_id, step, path FROM checkpoints ORDER BY run_id, step').all() as { run_id: number; step: number; path: string }[])
        if (!fs.existsSync(c.path)) add({ what: `run ${c.run_id} checkpoint step ${c.step}`, ok: false, detail: `the database lists ${c.path}, which is missing`, fix: `\`jepa-lab resume ${c.run_id}\` continues from the newest checkpoint that is there` });
    } catch (e) {
      add({ what: 'checkpoints', ok: false, detail: `cannot read the checkpoints from ${file}: ${errorLine(e)}` });
    }
    db.close();
  }

  // ── backends, in a worker job (the lab process never loads TensorFlow.js)
  if (opts.backends !== false) {
    try {
      const r = await runWorkerJob({ kind: 'doctor' });
      for (const b of r.backends) {
        // the GPU and tfjs-node backends are optional: training uses the next that loads
        const optional = b.request === 'webgpu' || b.request === 'tensorflow';
        add({ what: `backend ${b.request}`, ok: b.loads || optional, detail: b.loads ? `${b.package}: loads${b.detail ? ` (${b.detail})` : ''}${b.chosen ? ', auto uses it' : ''}${b.why ? `; ${b.why}` : ''}` : `does not load: ${b.why}`, fix: b.loads ? undefined : optional ? 'optional; training uses the next backend that loads' : 'reinstall JEPA Lab (npm install)' });
      }
    } catch (e) {
      add({ what: 'backends', ok: false, detail: `the worker process could not check them: ${errorLine(e)}`, fix: 'reinstall JEPA Lab (npm install)' });
    }
  }
  return { home, ok: checks.every((c) => c.ok), checks };
}
