// What a source path holds, as one hash: every file the importer reads (its
// relative name, size and bytes). A path given to `train --dataset` is reused
// only when this matches the import made from it; the same path with other
// files is imported anew.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './folder.ts';

/** sha256 (hex) of a folder's files (hidden ones excepted, as the importer skips them) or of one file, plus an optional second file (IDX labels). */
export async function fingerprint(src: string, extra?: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  const add = async (file: string, name: string) => {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) return;
    hash.update(`${name}\0${st.size}\0`);
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  };
  if (fs.statSync(src).isDirectory()) for (const rel of listFiles(src)) await add(path.join(src, rel), rel.split(path.sep).join('/'));
  else await add(src, path.basename(src));
  if (extra) await add(extra, `labels:${path.basename(extra)}`);
  return hash.digest('hex');
}
