// The renderer's only way to the lab: a tiny client implementing LabApi by the
// Electron preload (`window.lab`) when present, else by fetch to /api with the
// token of the URL `jepa-lab serve` printed; live updates by SSE (or the preload).
import type { LabApi, LabEvent, LabBridge, ApiErrorBody } from '../../../main/lab/api.ts';

export type { LabApi, LabEvent };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: ApiErrorBody['kind'] | 'unauthorized' | 'forbidden' | 'offline',
    readonly status: number,
    readonly field?: string,
    /** what the app offers to do about it (the lab's errors carry no command-line advice to the GUI) */
    readonly action?: ApiErrorBody['action'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const bridge: LabBridge | undefined = (globalThis as { lab?: LabBridge }).lab;
const TOKEN_KEY = `jepa-lab-token:${location.host}`;

/** The token: from ?token= (then kept and taken out of the address bar), else the one kept before. */
function initToken(): string {
  const u = new URL(location.href);
  const t = u.searchParams.get('token');
  if (t) {
    localStorage.setItem(TOKEN_KEY, t);
    u.searchParams.delete('token');
    history.replaceState(history.state, '', u.pathname + u.search + u.hash);
    return t;
  }
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

const token = bridge ? '' : initToken();

async function call(method: string, args: unknown): Promise<unknown> {
  if (bridge) {
    const r = await bridge.call(method, args ?? {});
    if (r.ok) return r.value;
    throw new ApiError(r.error.error, r.error.kind, 0, r.error.field, r.error.action);
  }
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lab-token': token },
      body: JSON.stringify(args ?? {}),
    });
  } catch {
    throw new ApiError(bridge ? 'the lab does not answer; restart the app.' : 'the lab server does not answer; start it again (where you started it) and reload this page.', 'offline', 0);
  }
  const unreadable = Symbol('unreadable');
  const body = (await res.json().catch(() => unreadable)) as (ApiErrorBody & { kind: string }) | null | typeof unreadable;
  if (body === unreadable) throw new ApiError(`the lab's answer to ${method} was cut off (HTTP ${res.status}); try again`, res.ok ? 'failure' : 'offline', res.status);
  if (!res.ok) throw new ApiError(body?.error ?? `HTTP ${res.status} from /api/${method}`, (body?.kind as ApiError['kind']) ?? 'failure', res.status, body?.field, body?.action);
  return body;
}

/** The typed lab API: `await lab.runs()`, `await lab.train({...})`. */
export const lab: LabApi = new Proxy({} as LabApi, {
  get: (_t, name) => (typeof name === 'string' && name !== 'then' ? (args?: unknown) => call(name, args) : undefined),
});

// ── live updates ────────────────────────────────────────────────────────
const listeners = new Set<(e: LabEvent) => void>();
const connListeners = new Set<(state: 'open' | 'retrying' | 'closed') => void>();
let started = false;

function dispatch(e: LabEvent): void {
  for (const l of listeners) {
    try {
      l(e);
    } catch (err) {
      console.error(err);
    }
  }
}

function start(): void {
  if (started) return;
  started = true;
  if (bridge) {
    bridge.subscribe(dispatch);
    return;
  }
  const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  es.onmessage = (m) => dispatch(JSON.parse(m.data) as LabEvent);
  es.onopen = () => connListeners.forEach((l) => l('open'));
  es.onerror = () => connListeners.forEach((l) => l(es.readyState === EventSource.CLOSED ? 'closed' : 'retrying'));
}

/** Subscribe to lab events; returns the unsubscribe function. */
export function onLabEvent(fn: (e: LabEvent) => void): () => void {
  listeners.add(fn);
  start();
  return () => listeners.delete(fn);
}

export function onConnection(fn: (state: 'open' | 'retrying' | 'closed') => void): () => void {
  connListeners.add(fn);
  start();
  return () => connListeners.delete(fn);
}

/** URL of a dataset image as PNG (the <img> cannot send a header, so the token rides along). */
export function thumbUrl(dataset: string, index: number, scale = 2): string {
  if (bridge?.thumbnailUrl) return bridge.thumbnailUrl(dataset, index, scale);
  return `/api/thumbnail?dataset=${encodeURIComponent(dataset)}&index=${index}&scale=${scale}&token=${encodeURIComponent(token)}`;
}

export const hasToken = (): boolean => !!bridge || token.length > 0;
