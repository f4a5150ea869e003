// Times `jepa-lab serve` from spawn to its printed URL and reads the lab process's RSS
// then and after a page's first API calls. usage (from the project root): node docs/bench/serve-start.mjs [runs=3]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const runs = Number(process.argv[2] ?? 3);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-serve-start-'));
spawnSync(process.execPath, ['bin/jepa-lab.mjs', 'datasets', '--home', home]); // first open writes the digits; not timed
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const rows = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/jepa-lab.mjs', 'serve', '--port', '0', '--home', home], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = /open (http\S+)/.exec(out); if (m) resolve(m[1]); });
  });
  const ms = performance.now() - t0;
  const startRss = rss(child.pid);
  // one page's worth of API calls, then RSS again
  const u = new URL(url);
  const tok = u.searchParams.get('token');
  for (const m of ['info', 'presets', 'runs', 'datasets']) await fetch(new URL(`/api/${m}`, u), { method: 'POST', headers: { 'x-lab-token': tok, 'content-type': 'application/json' }, body: '{}' });
  const apiRss = rss(child.pid);
  const maps = fs.readFileSync(`/proc/${child.pid}/maps`, 'utf8');
  child.kill();
  rows.push({ start_ms: Math.round(ms), rss_mib_at_start: Math.round(startRss), rss_mib_after_api: Math.round(apiRss) });
}
console.log(JSON.stringify(rows));
fs.rmSync(home, { recursive: true, force: true });
