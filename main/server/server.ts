// `jepa-lab serve`: the lab API over HTTP on 127.0.0.1, live updates by
// server-sent events, and the built renderer (renderer/dist) as static files.
//
// Security, as for a local notebook server:
// - binds 127.0.0.1 unless told otherwise;
// - every /api request needs the random token printed in the URL (header
//   x-lab-token; the two GET routes an <img> or EventSource opens take
//   ?token= instead), compared in constant time; without it: 401;
// - requests whose Host is not this server (DNS rebinding) or whose Origin is
//   another site (CSRF from a page in the same browser) are refused: 403;
// - request bodies are validated per method (main/lab/api.ts): clear 400s;
// - static files come from renderer/dist only (no traversal, no symlinks out);
//   nothing under the lab home is served as a file;
// - the page gets a strict Content-Security-Policy (no inline script).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../lab/lab.ts';
import { api, callApi, errorBody, isMethod, subscribe, thumbnailFromQuery } from '../lab/api.ts';
import { LabError } from '../common/errors.ts';

export interface ServeOptions {
  /** 0 = any free port */
  port: number;
  host?: string;
  /** default: 24 random bytes, base64url */
  token?: string;
  /** the built renderer (default renderer/dist next to this file's folder) */
  distDir?: string;
}

export interface Served {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DEFAULT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'dist');
export const TOKEN_HEADER = 'x-lab-token';
/** JSON bodies above this are refused (413); a dropped query image travels as base64. */
export const MAX_BODY = 20 * 1024 * 1024;

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // the token rides in the page URL: never send it on as a Referer
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function digest(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

/** Constant-time token check (hashing first makes the lengths equal). */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return crypto.timingSafeEqual(digest(given), digest(token));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostnameOf(hostHeader: string): { name: string; port: string } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(hostHeader);
  return m ? { name: m[1].toLowerCase(), port: m[2] ?? '80' } : null;
}

export async function serve(lab: Lab, opts: ServeOptions): Promise<Served> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  if (token.length < 8) throw new LabError('bad-input', '--token must be at least 8 characters (leave it out for a random one)');
  const dist = path.resolve(opts.distDir ?? DEFAULT_DIST);
  const wildcard = host === '0.0.0.0' || host === '::';
  let port = 0;
  const sse = new Set<http.ServerResponse>();

  /** Host must name this server: loopback, the bound address, or (bound to all) any IP literal. Names other than localhost are refused (DNS rebinding). */
  const hostAllowed = (h: string | undefined): boolean => {
    if (!h) return false;
    const p = hostnameOf(h);
    if (!p || p.port !== String(port)) return false;
    const bare = p.name.replace(/^\[|\]$/g, '');
    if (LOOPBACK.has(p.name) || p.name === host.toLowerCase() || bare === host.toLowerCase()) return true;
    return wildcard && net.isIP(bare) !== 0;
  };

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}, head = false) => {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
    res.end(head ? undefined : body);
  };
  const sendJson = (res: http.ServerResponse, status: number, obj: unknown) =>
    send(res, status, JSON.stringify(obj), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
  const refuse = (res: http.ServerResponse, status: number, kind: string, error: string) => sendJson(res, status, { error, kind });

  /** The body, or null when it is larger than MAX_BODY (drained so the client reads the 413; cut off far beyond). */
  const readBody = (req: http.IncomingMessage): Promise<Buffer | null> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
        else if (size > 4 * MAX_BODY) req.destroy();
      });
      req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
      req.on('error', reject);
    });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = url.pathname.slice('/api/'.length);
    const isGetRoute = route === 'events' || route === 'thumbnail';
    const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? (isGetRoute ? url.searchParams.get('token') : null);
    if (!tokenMatches(given, token))
      return refuse(res, 401, 'unauthorized', `missing or wrong token: open the URL that \`jepa-lab serve\` printed (it ends in ?token=…)`);

    if (isGetRoute) {
      if (req.method !== 'GET') return refuse(res, 405, 'bad-input', `/api/${route} takes GET`);
      if (route === 'events') return openEvents(req, res);
      try {
        const png = await thumbnailFromQuery(lab, url.searchParams);
        return send(res, 200, png, 'image/png', { 'Cache-Control': 'private, max-age=600' });
      } catch (e) {
        const { status, body } = errorBody(e);
        return sendJson(res, status, body);
      }
    }

    if (!isMethod(route)) return refuse(res, 404, 'not-found', `unknown API method "${route}"; methods: ${Object.keys(api).join(', ')}`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 405, 'bad-input', `API methods take POST with a JSON body, got ${req.method}`);
    }
    const ctype = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(ctype)) return refuse(res, 415, 'bad-input', `send the arguments as JSON (Content-Type: application/json), got "${ctype || 'none'}"`);
    let args: unknown;
    const raw = await readBody(req);
    if (!raw) return refuse(res, 413, 'bad-input', `request body is larger than ${MAX_BODY / 1024 / 1024} MB (a query image must be under 12 MB)`);
    try {
      const text = raw.toString('utf8').trim();
      args = text === '' ? undefined : JSON.parse(text);
    } catch (e) {
      return refuse(res, 400, 'bad-input', `request body is not valid JSON: ${(e as Error).message}`);
    }
    try {
      const result = await callApi(lab, route, args);
      sendJson(res, 200, result ?? null);
    } catch (e) {
      const { status, body } = errorBody(e);
      // a failure the lab did not foresee: the terminal that runs `serve` keeps its trace, like Jupyter's log
      if (status === 500) console.error(`jepa-lab serve: /api/${route} failed:`, e);
      if (!res.headersSent) sendJson(res, status, body);
    }
  }

  function openEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n: connected\n\n');
    sse.add(res);
    const unsubscribe = subscribe(lab, (e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    const end = () => {
      clearInterval(ping);
      unsubscribe();
      sse.delete(res);
    };
    req.on('close', end);
    res.on('error', end);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'bad-input', `${req.method} is not allowed here`);
    }
    const notFound = () => send(res, 404, 'not found\n', 'text/plain; charset=utf-8', {}, head);
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    if (rel.includes('\0') || rel.includes('\\')) return notFound();
    if (rel === '/') rel = '/index.html';
    const file = path.resolve(dist, `.${path.posix.normalize(rel)}`);
    if (!file.startsWith(dist + path.sep)) return notFound();
    let real: string;
    try {
      real = fs.realpathSync(file);
      const realDist = fs.realpathSync(dist);
      if (!real.startsWith(realDist + path.sep) || !fs.statSync(real).isFile()) return notFound();
    } catch {
      if (rel === '/index.html') {
        const page = `<!doctype html><meta charset="utf-8"><title>JEPA Lab</title><h1>JEPA Lab</h1><p>The UI is not built. Run <code>npm run build:renderer</code> and reload; the API is up.</p>`;
        return send(res, 503, page, TYPES['.html'], { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' }, head);
      }
      return notFound();
    }
    const ext = path.extname(real).toLowerCase();
    const type = TYPES[ext] ?? 'application/octet-stream';
    const extra: Record<string, string> = {
      'Cache-Control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (ext === '.html') extra['Content-Security-Policy'] = CSP;
    send(res, 200, fs.readFileSync(real), type, extra, head);
  }

  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return refuse(res, 400, 'bad-input', 'bad request URL');
    }
    if (!hostAllowed(req.headers.host))
      return refuse(res, 403, 'forbidden', `Host "${req.headers.host ?? ''}" is not this server; open http://127.0.0.1:${port}/ (requests through other names are refused to stop DNS rebinding)`);
    const origin = req.headers.origin;
    const isApi = url.pathname.startsWith('/api/');
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      return refuse(res, 403, 'forbidden', `cross-origin request from ${origin} refused`);
    // A page on another site can make the browser send requests without an Origin (e.g. <img>, simple GETs): Fetch Metadata tells.
    const site = req.headers['sec-fetch-site'];
    if (isApi && (site === 'cross-site' || site === 'same-site')) return refuse(res, 403, 'forbidden', `cross-site request refused (${site})`);
    if (req.method === 'OPTIONS') return refuse(res, 403, 'forbidden', 'cross-origin requests are not allowed');
    if (isApi) {
      handleApi(req, res, url).catch((e) => {
        const { status, body } = errorBody(e);
        if (!res.headersSent) sendJson(res, status, body);
        else res.end();
      });
      return;
    }
    serveStatic(req, res, url);
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new LabError('bad-input', `port ${opts.port} on ${host} is in use; choose another with --port N (0 = any free port)`)
          : e.code === 'EACCES'
            ? new LabError('bad-input', `port ${opts.port} on ${host} needs privileges this user does not have; choose a port above 1023 with --port N (0 = any free port)`)
            : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND'
              ? new LabError('bad-input', `--host ${host} is not an address of this machine; use 127.0.0.1 (the default) or one of its own addresses`)
              : e,
      ),
    );
    if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
      return reject(new LabError('bad-input', `--port must be an integer from 0 to 65535 (0 = any free port), got ${opts.port}`));
    server.listen(opts.port, host, () => resolve());
  });
  port = (server.address() as net.AddressInfo).port;
  const shown = wildcard ? '127.0.0.1' : net.isIPv6(host) ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of sse) r.end();
        sse.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
