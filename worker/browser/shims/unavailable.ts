// node:module, node:crypto, node:url and node:worker_threads for the GPU window's worker: its
// job code imports them only for paths it does not take there (tfjs-node, the
// wasm gradient threads); using one says so.
const no = (what: string) => () => {
  throw new Error(`${what} is not available in the GPU window's worker`);
};
export const createRequire = (): ((id: string) => never) => no('require');
export const fileURLToPath = (u: string | URL): string => new URL(String(u)).pathname;
export const pathToFileURL = (p: string): URL => new URL(`file://${p}`);
export const createHash = no('crypto');
export class Worker {
  constructor() {
    no('worker_threads')();
  }
}
export const MessageChannel = globalThis.MessageChannel;
export const receiveMessageOnPort = no('worker_threads');
export const workerData = null;
export default { createRequire, createHash, fileURLToPath, pathToFileURL, Worker, MessageChannel, receiveMessageOnPort, workerData };
