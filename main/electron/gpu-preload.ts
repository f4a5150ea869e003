// The GPU window's preload: hands the lab's MessagePort to the page, which gives
// it to its worker (worker/browser/page.ts). It exposes nothing to the page.
import { ipcRenderer } from 'electron';

ipcRenderer.once('jepa-lab:worker-port', (e) => window.postMessage('jepa-lab:worker-port', '*', e.ports));
