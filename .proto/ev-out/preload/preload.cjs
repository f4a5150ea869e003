"use strict";
const electron = require("electron");
const bridge = {
  call: (method, args) => electron.ipcRenderer.invoke("lab:call", method, args),
  subscribe(fn) {
    const listener = (_e, ev) => fn(ev);
    electron.ipcRenderer.on("lab:event", listener);
    return () => void electron.ipcRenderer.removeListener("lab:event", listener);
  },
  thumbnailUrl: (dataset, index, scale) => `lab-thumb://t/?dataset=${encodeURIComponent(dataset)}&index=${index}&scale=${scale}`
};
electron.contextBridge.exposeInMainWorld("lab", bridge);
