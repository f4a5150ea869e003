// node:os for the GPU window's worker: what the job code asks (byte order, cores).
export const endianness = (): 'LE' | 'BE' => (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE');
export const availableParallelism = (): number => (globalThis.navigator?.hardwareConcurrency as number | undefined) ?? 1;
export const cpus = (): unknown[] => new Array(availableParallelism()).fill({});
export const tmpdir = (): string => '/tmp';
export default { endianness, availableParallelism, cpus, tmpdir };
