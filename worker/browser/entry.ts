// The training worker inside a dedicated worker of the desktop app's hidden GPU
// window (and of the Chromium test page): the same job code as under Node
// (worker/main.ts), talking to the lab over one MessagePort with the typed
// protocol (main/common/protocol.ts). The first message transfers the port.
import type { FromBrowserWorker, ToBrowserWorker } from '../../main/common/protocol.ts';
import { serve } from '../main.ts';
import { connectFs } from './fs.ts';

// tfjs and the training loop yield with setImmediate (Node); a message round trip is the browser's equivalent
if (!('setImmediate' in globalThis)) {
  const ch = new MessageChannel();
  const queue: (() => void)[] = [];
  ch.port1.onmessage = () => queue.shift()?.();
  (globalThis as unknown as { setImmediate: (fn: () => void) => void }).setImmediate = (fn) => {
    queue.push(fn);
    ch.port2.postMessage(0);
  };
}

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent) => void) | null; close(): void };
scope.onmessage = (e: MessageEvent) => {
  const port = e.ports[0];
  if (!port) return;
  scope.onmessage = null;
  const send = (m: FromBrowserWorker) => port.postMessage(m);
  const listeners: ((m: ToBrowserWorker) => void)[] = [];
  port.onmessage = (ev: MessageEvent) => {
    const m = ev.data as ToBrowserWorker;
    if (m.type === 'files') connectFs(send, m.files);
    else for (const fn of listeners) fn(m);
  };
  serve(
    { send, onMessage: (fn) => listeners.push(fn as (m: ToBrowserWorker) => void) },
    // a worker cannot end its window's process: the lab closes the window on 'exit'
    (code) => {
      send({ type: 'exit', code });
      port.close();
      scope.close();
    },
  );
};
