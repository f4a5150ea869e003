// The HTTP server's security rules and API adapter, without a browser:
// token (401), Host/Origin (403), body validation (400/404/405/413/415),
// error kinds → statuses, static files confined to the dist folder, CSP,
// server-sent events and the thumbnail route.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../../main/lab/lab.ts';
import { serve, tokenMatches, type Served } from '../../../main/server/server.ts';
import { api, errorBody, callApi } from '../../../main/lab/api.ts';
import { check, int } from '../../../main/common/schema.ts';
import { LabError } from '../../../main/common/errors.ts';
import { ConfigError } from '../../../main/common/config.ts';

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: () => any;
}

let home: string;
let dist: string;
let lab: Lab;
let s: Served;
const SECRET = 'TOP-SECRET-OUTSIDE-DIST';

/** A raw HTTP request: the path is sent exactly as given (no URL normalisation), headers as given. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; port?: number }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const port = opts.port ?? s.port;
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8'), json: () => JSON.parse(body.toString('utf8')) });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', 'x-lab-token': s.token, ...headers }, body: JSON.stringify(args) });

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-server-test-'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-server-dist-'));
  dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>t</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(dist, 'assets', 'link.txt'));
  lab = Lab.open(home);
  fs.writeFileSync(path.join(home, 'secret.txt'), SECRET);
  s = await serve(lab, { port: 0, host: '127.0.0.1', distDir: dist });
});

afterAll(async () => {
  await s?.close();
  lab?.close();
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(path.dirname(dist), { recursive: true, force: true });
});

describe('serve()', () => {
  it('binds 127.0.0.1 on a free port and prints a URL with a long random token', async () => {
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(s.token.length).toBeGreaterThanOrEqual(32);
    const other = await serve(lab, { port: 0, distDir: dist });
    try {
      expect(other.token).not.toBe(s.token);
      expect(other.url.startsWith('http://127.0.0.1:')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('refuses a token shorter than 8 characters', async () => {
    await expect(serve(lab, { port: 0, token: 'short', distDir: dist })).rejects.toThrow(/at least 8/);
  });
});

describe('token', () => {
  it('compares tokens (constant-time helper)', () => {
    expect(tokenMatches('abcdefgh12', 'abcdefgh12')).toBe(true);
    expect(tokenMatches('abcdefgh13', 'abcdefgh12')).toBe(false);
    expect(tokenMatches('abc', 'abcdefgh12')).toBe(false);
    expect(tokenMatches('', 'abcdefgh12')).toBe(false);
    expect(tokenMatches(undefined, 'abcdefgh12')).toBe(false);
  });

  it('refuses API calls without the token, or with a wrong one (401)', async () => {
    const none = await request({ method: 'POST', path: '/api/runs', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ kind: 'unauthorized' });
    expect(none.json().error).toMatch(/token/);
    // the last character changed (to x, or to y when it is x: a random token ends in x now and then)
    const wrong = await call('runs', {}, { 'x-lab-token': `${s.token.slice(0, -1)}${s.token.endsWith('x') ? 'y' : 'x'}` });
    expect(wrong.status).toBe(401);
    const shorter = await call('runs', {}, { 'x-lab-token': s.token.slice(0, 5) });
    expect(shorter.status).toBe(401);
    const ok = await call('runs', {});
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.json())).toBe(true);
  });

  it('takes the token as a query parameter only on the GET routes (events, thumbnail)', async () => {
    const post = await request({ method: 'POST', path: `/api/runs?token=${s.token}`, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(401);
    const thumb = await request({ path: `/api/thumbnail?dataset=digits&index=0&token=${s.token}` });
    expect(thumb.status).toBe(200);
    const thumbNoToken = await request({ path: '/api/thumbnail?dataset=digits&index=0' });
    expect(thumbNoToken.status).toBe(401);
    const eventsNoToken = await request({ path: '/api/events' });
    expect(eventsNoToken.status).toBe(401);
  });

  it('does not need the token for the page and its assets (they hold no data)', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>t</title>');
  });
});

describe('cross-origin and DNS rebinding (403)', () => {
  it('refuses an Origin other than the server itself, even with the token', async () => {
    const evil = await call('runs', {}, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json()).toMatchObject({ kind: 'forbidden' });
    const otherPort = await call('runs', {}, { origin: `http://127.0.0.1:${s.port + 1}` });
    expect(otherPort.status).toBe(403);
    const nullOrigin = await call('runs', {}, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const same = await call('runs', {}, { origin: `http://127.0.0.1:${s.port}` });
    expect(same.status).toBe(200);
  });

  it('refuses a Host that is not this server (DNS rebinding), for pages and API alike', async () => {
    const api = await call('runs', {}, { host: `evil.example:${s.port}` });
    expect(api.status).toBe(403);
    const page = await request({ path: '/', headers: { host: `evil.example:${s.port}` } });
    expect(page.status).toBe(403);
    const wrongPort = await request({ path: '/', headers: { host: '127.0.0.1:1' } });
    expect(wrongPort.status).toBe(403);
    const localhost = await call('runs', {}, { host: `localhost:${s.port}`, origin: `http://localhost:${s.port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses cross-site fetches by their Fetch Metadata and CORS preflights', async () => {
    const cross = await request({ path: `/api/thumbnail?dataset=digits&index=0&token=${s.token}`, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).toBe(403);
    const preflight = await request({ method: 'OPTIONS', path: '/api/runs', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request validation', () => {
  it('names unknown methods (404) and wrong HTTP methods (405)', async () => {
    const unknown = await call('dropAllTables', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json().error).toMatch(/unknown API method "dropAllTables"/);
    const get = await request({ path: '/api/runs', headers: { 'x-lab-token': s.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('wants JSON: content type (415), syntax (400), size (413)', async () => {
    const form = await request({ method: 'POST', path: '/api/runs', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-lab-token': s.token }, body: 'a=1' });
    expect(form.status).toBe(415);
    const bad = await request({ method: 'POST', path: '/api/run', headers: { 'content-type': 'application/json', 'x-lab-token': s.token }, body: '{"id": 1,' });
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatch(/not valid JSON/);
    const big = await request({ method: 'POST', path: '/api/runs', headers: { 'content-type': 'application/json', 'x-lab-token': s.token }, body: `"${'x'.repeat(21 * 1024 * 1024)}"` });
    expect(big.status).toBe(413);
    expect(big.json().error).toMatch(/larger than 20 MB/);
  });

  it('checks every argument with a message naming the field and what is allowed', async () => {
    const missing = await call('run', {});
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ kind: 'bad-input' });
    expect(missing.json().error).toBe('run.id must be an integer ≥ 1, got nothing');
    const wrongType = await call('run', { id: 'abc' });
    expect(wrongType.json().error).toBe('run.id must be an integer ≥ 1, got "abc"');
    const extra = await call('run', { id: 1, drop: true });
    expect(extra.status).toBe(400);
    expect(extra.json().error).toMatch(/run has an unknown field "drop"; allowed: id/);
    const steps = await call('train', { preset: 'tiny', steps: 0 });
    expect(steps.status).toBe(400);
    expect(steps.json().error).toMatch(/train\.steps must be an integer ≥ 1, got 0/);
    const k = await call('neighbors', { id: 1, image: 0, k: 5000 });
    expect(k.json().error).toMatch(/neighbors\.k must be an integer in \[1, 200\], got 5000/);
    const list = await call('exportCsv', { ids: [] });
    expect(list.json().error).toMatch(/exportCsv\.ids must have at least 1 item/);
    const nested = await call('sampleMasks', { mask: { pred_mask_scale: [0.3, 0.1] } });
    expect(nested.json().error).toMatch(/sampleMasks\.mask\.pred_mask_scale: min 0\.3 is larger than max 0\.1/);
    const proto = await request({ method: 'POST', path: '/api/checkConfig', headers: { 'content-type': 'application/json', 'x-lab-token': s.token }, body: '{"config": {"data": {"__proto__": {"polluted": 1}}}}' });
    expect(proto.status).toBe(400);
    expect(proto.json().error).toMatch(/checkConfig\.config\.data must not have a key named "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const inherited = await call('run', { id: 1, toString: 'x' });
    expect(inherited.json().error).toMatch(/unknown field "toString"/);
    const notObject = await call('run', [1]);
    expect(notObject.json().error).toMatch(/run must be an object/);
  });

  it('maps lab errors to statuses: not-found and bad input 400, config errors 400 with the field', async () => {
    const nf = await call('run', { id: 999 });
    expect(nf.status).toBe(400);
    expect(nf.json()).toMatchObject({ kind: 'not-found' });
    expect(nf.json().error).toMatch(/no run 999/);
    // the GUI gets an action to offer, not a command to type
    expect(nf.json().error).not.toMatch(/jepa-lab/);
    expect(nf.json().action).toEqual({ action: 'open-runs', label: 'Show the runs' });
    const nd = await call('datasetImages', { dataset: 'no-such' });
    expect(nd.json()).toMatchObject({ error: 'no dataset "no-such"', action: { action: 'open-datasets' } });
    const cfg = await call('train', { preset: 'tiny', config: { data: { batch_size: 0 } } });
    expect(cfg.status).toBe(400);
    expect(cfg.json().error).toMatch(/data\.batch_size.*\[1, 4096\]/);
    const typo = await call('sampleMasks', { preset: 'tiny', mask: { num_pred_masks: 0 } });
    expect(typo.status).toBe(400);
    expect(typo.json()).toMatchObject({ kind: 'bad-input', field: 'mask.num_pred_masks' });
    expect(typo.json().error).toMatch(/\[1, 16\]/);
  });

  it('errorBody: conflict 409, failure 500, unknown errors 500 without leaking a stack', () => {
    expect(errorBody(new LabError('conflict', 'busy')).status).toBe(409);
    expect(errorBody(new LabError('failure', 'broke')).status).toBe(500);
    expect(errorBody(new LabError('not-found', 'gone')).status).toBe(400);
    expect(errorBody(new ConfigError('model.depth', 'must be…'))).toEqual({ status: 400, body: { error: 'config model.depth: must be…', kind: 'bad-input', field: 'model.depth' } });
    const e = errorBody(new Error('boom'));
    expect(e.status).toBe(500);
    expect(e.body).toEqual({ error: 'internal error: boom', kind: 'failure' });
  });

  it('every method of the table validates (unknown fields are refused)', () => {
    for (const [name, m] of Object.entries(api)) expect(() => m.validate({ surely_not_a_field: 1 }), name).toThrow(/unknown field "surely_not_a_field"/);
    expect(() => check(int(0, 3), 4, 'x')).toThrow('x must be an integer in [0, 3], got 4');
  });
});

describe('the API adapter', () => {
  it('checkConfig names the field and its allowed range, and passes a good config', async () => {
    const bad = await call('checkConfig', { preset: 'tiny', config: { optimization: { lr: 20 } } });
    expect(bad.status).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, field: 'optimization.lr' });
    expect(bad.json().message).toMatch(/\(0, 10\], got 20/);
    const heads = await call('checkConfig', { preset: 'tiny', config: { model: { embed_dim: 18 } } });
    expect(heads.json()).toMatchObject({ ok: false });
    expect(heads.json().field).toBe('model.embed_dim');
    expect(heads.json().message).toMatch(/multiple of 4/);
    const steps = await call('checkConfig', { preset: 'tiny', steps: 2.5 });
    expect(steps.json()).toMatchObject({ ok: false, field: 'optimization.steps' });
    const ds = await call('checkConfig', { dataset: 'nope' });
    expect(ds.json()).toMatchObject({ ok: false, field: 'data.dataset' });
    const good = await call('checkConfig', { preset: 'tiny', steps: 7 });
    expect(good.json()).toMatchObject({ ok: true, total_steps: 7, grid: 4 });
  });

  it('sampleMasks draws the training sampler masks; a new seed gives new masks', async () => {
    const a = (await callApi(lab, 'sampleMasks', { preset: 'tiny', seed: 1, count: 4 })) as { grid: number; context: number[][]; targets: number[][][]; indices: number[] };
    const b = (await callApi(lab, 'sampleMasks', { preset: 'tiny', seed: 2, count: 4 })) as typeof a;
    expect(a.grid).toBe(4);
    expect(a.indices).toHaveLength(4);
    expect(a.context).toHaveLength(4);
    expect(a.targets[0]).toHaveLength(4);
    for (let i = 0; i < 4; i++) for (const t of a.targets[i].flat()) expect(a.context[i]).not.toContain(t);
    expect(JSON.stringify([a.context, a.targets])).not.toBe(JSON.stringify([b.context, b.targets]));
    const again = await callApi(lab, 'sampleMasks', { preset: 'tiny', seed: 1, count: 4 });
    expect(again).toEqual(a);
  });

  it('serves thumbnails as PNG; a bad index or dataset is a 400, not a file lookup', async () => {
    const png = await request({ path: `/api/thumbnail?dataset=digits&index=3&scale=2&token=${s.token}` });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
    const idx = await request({ path: `/api/thumbnail?dataset=digits&index=10000&token=${s.token}` });
    expect(idx.status).toBe(400);
    expect(idx.json().error).toMatch(/\[0, 9999\]/);
    const trav = await request({ path: `/api/thumbnail?dataset=..%2F..%2Fsecret.txt&index=0&token=${s.token}` });
    expect(trav.status).toBe(400);
    expect(trav.text).not.toContain(SECRET);
  });

  it('streams lab events over SSE', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: s.port, path: `/api/events?token=${s.token}`, headers: { host: `127.0.0.1:${s.port}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes(': connected')) lab.runs.emit('event', { type: 'event', runId: 42, level: 'info', message: 'hello from the test' });
          const m = /data: (.*)\n\n/.exec(buf);
          if (m) {
            req.destroy();
            resolve(m[1]);
          }
        });
      });
      req.on('error', reject);
    });
    expect(JSON.parse(got)).toEqual({ type: 'event', runId: 42, level: 'info', message: 'hello from the test' });
  });
});

describe('static files', () => {
  it('serves the page with a strict CSP (no inline script) and safe headers', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const js = await request({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the dist folder (path traversal, encodings, symlinks, the lab home)', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2fetc%2fpasswd',
      '//etc/passwd',
      '/assets/..%5c..%5csecret.txt',
      '/assets/link.txt',
      '/index.html%00.js',
      '/%',
      `/${path.relative('/', path.join(home, 'secret.txt'))}`,
      `/..${home}/secret.txt`,
      '/lab.db',
      '/assets',
    ];
    for (const p of attempts) {
      const r = await request({ path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.text, p).not.toContain(SECRET);
      expect(r.text, p).not.toContain('root:');
    }
  });

  it('refuses to write: POST to a page is 405', async () => {
    const r = await request({ method: 'POST', path: '/index.html', body: 'x' });
    expect(r.status).toBe(405);
  });

  it('says how to build the UI when renderer/dist is missing', async () => {
    const bare = await serve(lab, { port: 0, distDir: path.join(os.tmpdir(), 'jepa-no-such-dist') });
    try {
      const r = await request({ path: '/', port: bare.port });
      expect(r.status).toBe(503);
      expect(r.text).toContain('npm run build:renderer');
      expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    } finally {
      await bare.close();
    }
  });
});
