// The hidden GPU window's page: it starts the training worker (a dedicated
// worker, where Chromium's WebGPU is) and hands it the lab's MessagePort. In the
// app the port arrives from the preload (gpu-preload.ts) as a window message;
// a test page posts it the same way.
const worker = new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'jepa-lab-gpu-worker' });
window.addEventListener('message', (e: MessageEvent) => {
  if (e.source === window && e.data === 'jepa-lab:worker-port' && e.ports[0]) worker.postMessage('port', [e.ports[0]]);
});
// tell whoever opened the page that it can take a port now
window.postMessage('jepa-lab:gpu-page-ready', '*');
