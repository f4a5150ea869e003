// The preload: exposes the typed `lab` bridge and nothing else (contextBridge;
// the page never sees ipcRenderer or any Node API).
import { contextBridge, ipcRenderer } from 'electron';
import type { LabBridge, LabEvent } from '../lab/api.ts';

const bridge: LabBridge = {
  call: (method, args) => ipcRenderer.invoke('lab:call', method, args),
  subscribe(fn) {
    const listener = (_e: unknown, ev: LabEvent) => fn(ev);
    ipcRenderer.on('lab:event', listener);
    return () => void ipcRenderer.removeListener('lab:event', listener);
  },
  thumbnailUrl: (dataset, index, scale) => `lab-thumb://t/?dataset=${encodeURIComponent(dataset)}&index=${index}&scale=${scale}`,
};

contextBridge.exposeInMainWorld('lab', bridge);
