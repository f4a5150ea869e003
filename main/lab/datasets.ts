// The lab's datasets: the bundled digits, imports of IDX files and image
// folders, lookups by name or id, pages of images for the UI and their
// thumbnails. Each dataset is a folder in the image-set format
// (main/common/imageset.ts) under the lab home, with a row in the store.
import fs from 'node:fs';
import path from 'node:path';
import { badInput, LIST_DATASETS } from '../common/errors.ts';
import { heldOutIndices, loadImageSet, saveImageSet, trainIndices, type ImageSet, type ImportReport } from '../common/imageset.ts';
import type { DatasetRow, LabEvent } from '../common/vocabulary.ts';
import { loadDigits, DIGITS } from '../data/digits.ts';
import { importFolder } from '../data/folder.ts';
import { importIdx } from '../data/idx.ts';
import { thumbnailPng } from '../data/thumbnails.ts';
import type { Store } from '../store/store.ts';

export interface ImportOptions {
  name?: string;
  size?: number;
  channels?: 1 | 3;
  labels?: string;
}

export type DatasetSplit = 'all' | 'train' | 'held_out';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';

export class Datasets {
  /** decoded image sets of the few most recently used datasets */
  private sets = new Map<string, ImageSet>();
  private thumbs = new Map<string, Buffer>();

  constructor(
    private readonly store: Store,
    private readonly home: string,
    private readonly emit: (e: LabEvent) => void,
  ) {}

  private dir(name: string): string {
    return path.join(this.home, 'datasets', slug(name));
  }

  private register(set: ImageSet, kind: string, report: ImportReport | null): DatasetRow {
    const dir = this.dir(set.name);
    saveImageSet(dir, set);
    return this.store.addDataset({
      name: set.name,
      path: dir,
      kind,
      count: set.count,
      size: set.size,
      channels: set.channels,
      labeled: !!set.labels,
      classes: set.classes,
      train_count: trainIndices(set).length,
      held_out_count: heldOutIndices(set).length,
      report,
    });
  }

  /** The bundled digits, written into the lab home on first use. */
  ensureDigits(): DatasetRow {
    const have = this.store.getDataset(DIGITS.name);
    if (have && fs.existsSync(path.join(have.path, 'meta.json'))) return have;
    if (have) this.store.deleteDataset(have.id);
    return this.register({ ...loadDigits(), name: DIGITS.name }, 'bundled', null);
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
    else s = loadImageSet(ds.path);
    this.sets.set(key, s);
    while (this.sets.size > 3) this.sets.delete(this.sets.keys().next().value!);
    return s;
  }

  /** Import an IDX file or an image folder. Corrupt files are skipped and reported. */
  async import(src: string, opts: ImportOptions = {}): Promise<DatasetRow> {
    const abs = path.resolve(src);
    if (!fs.existsSync(abs)) throw badInput(`dataset path ${abs} does not exist; give an image folder or an IDX file`);
    const name = opts.name ?? path.basename(abs).replace(/(-images)?(\.idx\d?-ubyte)?(\.gz)?$/i, '');
    if (this.store.getDataset(name)) throw badInput(`a dataset named "${name}" exists already; choose another with --name`);
    const onProgress = (done: number, total: number) => this.emit({ type: 'import', name, done, total });
    if (fs.statSync(abs).isDirectory()) {
      const { set, report } = await importFolder(abs, { name, size: opts.size, channels: opts.channels, onProgress });
      return this.register({ ...set, name }, 'folder', report);
    }
    const { set, report } = await importIdx(abs, opts.labels, { name, onProgress });
    return this.register({ ...set, name }, 'idx', report);
  }

  /** A dataset by name, or a path imported on the fly (reused when imported before). */
  async resolve(nameOrPath: string): Promise<DatasetRow> {
    const byName = this.store.getDataset(nameOrPath);
    if (byName) return byName;
    if (fs.existsSync(nameOrPath)) {
      const name = path.basename(path.resolve(nameOrPath));
      return this.store.getDataset(name) ?? (await this.import(nameOrPath, { name }));
    }
    return this.get(nameOrPath);
  }

  /** Delete a dataset that no run uses, with its folder. */
  delete(nameOrId: string | number, runsUsing: (datasetId: number) => number[]): void {
    const d = this.get(nameOrId);
    if (d.kind === 'bundled') throw badInput(`"${d.name}" is the bundled dataset and cannot be deleted`);
    const users = runsUsing(d.id);
    if (users.length) throw badInput(`dataset "${d.name}" is used by run${users.length > 1 ? 's' : ''} ${users.join(', ')}; delete those runs first`);
    this.store.deleteDataset(d.id);
    fs.rmSync(d.path, { recursive: true, force: true });
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
