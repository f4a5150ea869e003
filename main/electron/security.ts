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
 * Rule: a strict Content-Security-Policy on every response (no remote content,
 * no inline script): the served page's CSP (server.ts), with images from the
 * lab-thumb: scheme (thumbnails) in the app, or the dev server's websocket
 * (hot reload) under electron-vite dev (`devUrl` set).
 */
export function electronCsp(devUrl?: string): string {
  return devUrl ? CSP.replace("connect-src 'self'", "connect-src 'self' ws:") : CSP.replace("img-src 'self'", "img-src 'self' lab-thumb:");
}
