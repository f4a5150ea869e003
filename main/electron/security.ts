// The desktop window's security settings as plain data (Electron's security
// checklist; each rule is named where it is): main/electron/electron.ts applies them,
// and test/electron.test.ts asserts on them without an Electron binary (this
// module imports nothing from Electron at run time).
import type { WebPreferences } from 'electron';
import { CSP } from '../server/server.ts';

/** The BrowserWindow's webPreferences, less the preload path (electron.ts adds it). */
export const WEB_PREFERENCES = {
  contextIsolation: true, // Rule: isolate the preload's world from the page's
  sandbox: true, // Rule: sandbox the renderer
  nodeIntegration: false, // Rule: no Node.js in the renderer
  webSecurity: true, // Rule: never disable web security
  allowRunningInsecureContent: false, // Rule: no insecure (http) content in the page
  experimentalFeatures: false, // Rule: no experimental Chromium features
  webviewTag: false, // Rule: no <webview>
} as const satisfies WebPreferences;

/**
 * The hidden GPU window's webPreferences (the training worker's home when it
 * uses WebGPU, main/electron/gpu-window.ts), less its preload path: every rule of
 * the main window, kept as strict, in a session of its own; and no background
 * throttling, which would slow a training the window never shows.
 */
export const GPU_WINDOW_PREFERENCES = {
  ...WEB_PREFERENCES,
  partition: 'jepa-gpu', // its own session: its own CSP and permission handler, no cookies or storage shared with the UI
  backgroundThrottling: false,
} as const satisfies WebPreferences;

/** The scheme the GPU window's page and worker are served from (a standard, secure origin, so its dedicated worker may load). */
export const GPU_SCHEME = 'jepa-gpu';

/**
 * Rule: a strict Content-Security-Policy for the GPU window: its own scripts
 * and worker only; nothing fetched, framed, embedded or evaluated (no wasm: the
 * window exists for WebGPU).
 */
export const GPU_WINDOW_CSP = ["default-src 'none'", "script-src 'self'", "worker-src 'self'", "connect-src 'none'", "img-src 'none'", "style-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

/**
 * Rule: a strict Content-Security-Policy on every response (no remote content,
 * no inline script): the served page's CSP (server.ts), with images from the
 * lab-thumb: scheme (thumbnails) in the app, or the dev server's websocket
 * (hot reload) under electron-vite dev (`devUrl` set).
 */
export function electronCsp(devUrl?: string): string {
  return devUrl ? CSP.replace("connect-src 'self'", "connect-src 'self' ws:") : CSP.replace("img-src 'self'", "img-src 'self' lab-thumb:");
}
