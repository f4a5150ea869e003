// The lab's datasets: the bundled digits, imports of IDX files, IDX folders
// and image folders, lookups by name, id or source path, pages of images for
// the UI and their thumbnails. Each dataset is a folder in the image-set
// format (main/common/imageset.ts) named by its id under the lab home
// (datasets/<id>; homes from before keep their datasets/<name> folders), with
// a row in the store. Imports decode first and write only when committed, so
// a command that is refused afterwards leaves nothing behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { badInput, LIST_DATASETS, writeError } from '../common/errors.ts';
import { checkDatasetFolder, heldOutIndices, loadImageSet, readImageSetMeta, saveImageSet, trainIndices, type ImageSet, type ImportReport } from '../common/imageset.ts';
import type { DatasetRow, DatasetSplitKind, LabEvent } from '../common/vocabulary.ts';
import { loadDigits, DIGITS } from '../data/digits.ts';
import { fingerprint } from '../data/fingerprint.ts';
import { importFolder } from '../data/folder.ts';
import { idxFolderFiles, importIdx, importIdxFolder } from '../data/idx.ts';
import { thumbnailPng } from '../data/thumbnails.ts';
import type { Store } from '../store/store.ts';

export interface ImportOptions {
  name?: string;
  size?: number;
  channels?: 1 | 3;
  labels?: string;
}

export type DatasetSplit = 'all' | 'train' | 'held_out';

/** What a dataset's row says, before it has an id, a folder and a creation time. */
export type DatasetInfo = Omit<DatasetRow, 'id' | 'path' | 'created_at'>;

/** An import decoded in memory and checked, not yet written: `commit` writes its folder and row. */
export interface PendingImport {
  info: DatasetInfo;
  commit(): DatasetRow;
}

/** A dataset by name or path: one the lab has, or an import to commit once the command that asked is known to be valid. */
export type FoundDataset = { row: DatasetRow; pending: null } | { row: null; pending: PendingImport };

/** The name an import gets without --name: the file or folder's name, less IDX suffixes. */
export const defaultDatasetName = (src: string) => path.basename(path.resolve(src)).replace(/(-images)?(\.idx\d?-ubyte)?(\.gz)?$/i, '') || 'dataset';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export class Datasets {
  /** decoded image sets of the few most recently used datasets */
  private sets = new Map<string, ImageSet>();
  private thumbs = new Map<string, Buffer>();

  constructor(
    private readonly store: Store,
    private readonly home: string,
    private readonly emit: (e: LabEvent) => void,
  ) {}

  /** Write a decoded set under datasets/<id> and add its row, or write nothing (a failure names what could not be written and why). */
  private register(set: ImageSet, info: DatasetInfo, fix = 'free some space (or choose another home with --home DIR) and import again'): DatasetRow {
    const root = path.join(this.home, 'datasets');
    const tmp = path.join(root, `.import-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    const what = `${info.kind === 'bundled' ? 'the bundled' : 'dataset'} "${info.name}" (${MB(set.pixels.length)}) to ${root}`;
    try {
      saveImageSet(tmp, { ...set, name: info.name });
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw writeError(e, what, { fix });
    }
    let placed: string | null = null;
    try {
      return this.store.addDataset({ ...info, path: tmp }, (id) => {
        // a folder left by a home from before may carry this id as its name-slug
        let dir = path.join(root, String(id));
        for (let k = 2; fs.existsSync(dir); k++) dir = path.join(root, `${id}-${k}`);
        fs.renameSync(tmp, dir);
        placed = dir;
        return dir;
      });
    } catch (e) {
      fs.rmSync(placed ?? tmp, { recursive: true, force: true });
      throw writeError(e, what, { fix });
    }
  }

  private info(set: ImageSet, rest: Pick<DatasetInfo, 'name' | 'kind' | 'split' | 'source' | 'fingerprint'> & { report: ImportReport | null }): DatasetInfo {
    return {
      ...rest,
      count: set.count,
      size: set.size,
      channels: set.channels,
      labeled: !!set.labels,
      classes: set.classes,
      train_count: trainIndices(set).length,
      held_out_count: heldOutIndices(set).length,
    };
  }

  /** The bundled digits, written into the lab home on first use (and again if their folder was lost). */
  ensureDigits(): DatasetRow {
    const have = this.store.getDataset(DIGITS.name);
    if (have && have.kind === 'bundled' && fs.existsSync(path.join(have.path, 'meta.json'))) return have;
    const set = { ...loadDigits(), name: DIGITS.name };
    if (have && have.kind === 'bundled') {
      // runs may refer to this row: rewrite its folder rather than replace it
      try {
        saveImageSet(have.path, set);
      } catch (e) {
        throw writeError(e, `the bundled digits (${MB(set.pixels.length)}) to ${have.path}`, { fix: 'free some space, or choose another home with --home DIR' });
      }
      return have;
    }
    try {
      return this.register(set, this.info(set, { name: DIGITS.name, kind: 'bundled', split: 'fixed', source: null, fingerprint: null, report: null }), 'free some space, or choose another home with --home DIR');
    } catch (e) {
      // two processes opening a new home at once: the other one added them first
      const other = this.store.getDataset(DIGITS.name);
      if (other?.kind === 'bundled') return other;
      throw e;
    }
  }

  list(): DatasetRow[] {
    return this.store.listDatasets();
  }

  get(nameOrId: string | number): DatasetRow {
    const d = this.store.getDataset(typeof nameOrId === 'string' && /^\d+$/.test(nameOrId) ? Number(nameOrId) : nameOrId);
    if (!d) throw badInput(`no dataset "${nameOrId}"`, LIST_DATASETS);
    return d;
  }

  /** A dataset's images, loaded once and kept for the few most recently used datasets. */
  images(ds: DatasetRow): ImageSet {
    const key = `${ds.path}@${ds.created_at}`;
    let s = this.sets.get(key);
    if (s) this.sets.delete(key); // re-inserted below: most recent last
    else {
      s = loadImageSet(ds.path);
      checkDatasetFolder(ds, s);
    }
    this.sets.set(key, s);
    while (this.sets.size > 3) this.sets.delete(this.sets.keys().next().value!);
    return s;
  }

  /** Check, from its meta.json alone, that a dataset's folder is complete and holds its own images (throws naming what is wrong). */
  verify(ds: DatasetRow): void {
    checkDatasetFolder(ds, readImageSetMeta(ds.path));
  }

  /** A name no dataset has (without regard to case): `base`, else base-2, base-3, … */
  freeName(base: string): string {
    let name = base;
    for (let k = 2; this.store.datasetNameTaken(name); k++) name = `${base}-${k}`;
    return name;
  }

  /**
   * Decode an IDX file, an MNIST-family IDX folder or an image folder, and
   * check it, without writing anything; corrupt files are skipped and reported.
   */
  async prepareImport(src: string, opts: ImportOptions = {}): Promise<PendingImport> {
    const abs = path.resolve(src);
    if (!fs.existsSync(abs)) throw badInput(`dataset path ${abs} does not exist; give an image folder or an IDX file (or a folder of MNIST-family IDX files)`);
    const source = fs.realpathSync(abs);
    const name = (opts.name ?? defaultDatasetName(abs)).trim();
    if (!name) throw badInput('the dataset name is empty; give one with --name');
    const clash = this.store.datasetNameTaken(name);
    if (clash) throw badInput(`a dataset named "${clash}" exists already${clash === name ? '' : ' (names are compared without regard to case)'}; choose another name with --name`);
    const onProgress = (done: number, total: number) => this.emit({ type: 'import', name, done, total });
    let r: { set: ImageSet; report: ImportReport; split: DatasetSplitKind; kind: string };
    if (fs.statSync(abs).isDirectory()) {
      if (idxFolderFiles(abs)) {
        if (opts.labels) throw badInput(`--labels is for a single IDX images file; in the folder ${abs} the labels files are found by their names`);
        r = { ...(await importIdxFolder(abs, { name, onProgress })), kind: 'idx' };
      } else r = { ...(await importFolder(abs, { name, size: opts.size, channels: opts.channels, onProgress })), kind: 'folder' };
    } else r = { ...(await importIdx(abs, opts.labels, { name, onProgress })), split: 'random', kind: 'idx' };
    const fp = await fingerprint(source, opts.labels ? path.resolve(opts.labels) : undefined);
    const info = this.info(r.set, { name, kind: r.kind, split: r.split, source, fingerprint: fp, report: r.report });
    return { info, commit: () => this.register(r.set, info) };
  }

  /** Import an IDX file, an MNIST-family IDX folder or an image folder. Corrupt files are skipped and reported. */
  async import(src: string, opts: ImportOptions = {}): Promise<DatasetRow> {
    return (await this.prepareImport(src, opts)).commit();
  }

  /**
   * A dataset by name, or by path: the import made from that path when its
   * files are still the same (resolved path and fingerprint), else a new
   * import under a free name, decoded but not yet written.
   */
  async find(nameOrPath: string, opts: { paths?: boolean } = {}): Promise<FoundDataset> {
    const byName = this.store.getDataset(nameOrPath);
    if (byName) return { row: byName, pending: null };
    if (opts.paths === false || !fs.existsSync(nameOrPath)) return { row: this.get(nameOrPath), pending: null };
    const source = fs.realpathSync(path.resolve(nameOrPath));
    const fp = await fingerprint(source);
    const same = this.store.datasetsFromSource(source).find((d) => d.fingerprint === fp);
    if (same) return { row: same, pending: null };
    return { row: null, pending: await this.prepareImport(source, { name: this.freeName(defaultDatasetName(source)) }) };
  }

  /** A dataset by name, or a path imported on the fly (reused while its files are the same). */
  async resolve(nameOrPath: string): Promise<DatasetRow> {
    const f = await this.find(nameOrPath);
    return f.row ?? f.pending.commit();
  }

  /** Delete a dataset that no run uses, with its folder. */
  delete(nameOrId: string | number, runsUsing: (datasetId: number) => number[]): void {
    const d = this.get(nameOrId);
    if (d.kind === 'bundled') throw badInput(`"${d.name}" is the bundled dataset and cannot be deleted`);
    const users = runsUsing(d.id);
    if (users.length) throw badInput(`dataset "${d.name}" is used by run${users.length > 1 ? 's' : ''} ${users.join(', ')}; delete those runs first`);
    // The row goes first: a folder of a home from before may be shared with another row (see checkDatasetFolder).
    this.store.deleteDataset(d.id);
    if (!this.store.listDatasets().some((o) => path.resolve(o.path) === path.resolve(d.path))) fs.rmSync(d.path, { recursive: true, force: true });
  }

  /** A page of a dataset's images: indices, labels and split (pixels come from `thumbnail`). */
  page(a: { dataset: string; offset?: number; limit?: number; split?: DatasetSplit }) {
    const ds = this.get(a.dataset);
    const set = this.images(ds);
    const split = a.split ?? 'all';
    const all: number[] = [];
    for (let i = 0; i < set.count; i++) if (split === 'all' || (split === 'held_out') === (set.heldOut[i] === 1)) all.push(i);
    const offset = a.offset ?? 0;
    const page = all.slice(offset, offset + (a.limit ?? 60));
    return {
      dataset: ds.name,
      total: all.length,
      offset,
      items: page.map((index) => {
        const label = set.labels ? set.labels[index] : null;
        return { index, label, class_name: label !== null && set.classes ? (set.classes[label] ?? null) : null, held_out: set.heldOut[index] === 1 };
      }),
    };
  }

  /** One image of a dataset as a PNG, enlarged `scale` times (cached). */
  async thumbnail(dataset: string, index: number, scale: number): Promise<Buffer> {
    const ds = this.get(dataset);
    if (!Number.isInteger(index) || index < 0 || index >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}] for dataset "${ds.name}", got ${index}`);
    if (!Number.isInteger(scale) || scale < 1 || scale > 16) throw badInput(`scale must be an integer in [1, 16], got ${scale}`);
    const key = `${ds.path}@${ds.created_at}:${index}:${scale}`;
    const hit = this.thumbs.get(key);
    if (hit) return hit;
    const png = await thumbnailPng(this.images(ds), index, scale);
    this.thumbs.set(key, png);
    while (this.thumbs.size > 4000) this.thumbs.delete(this.thumbs.keys().next().value!);
    return png;
  }
}
