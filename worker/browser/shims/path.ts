// node:path for the GPU window's worker: the few POSIX calls its job code makes
// (join, basename, dirname). Paths come from the lab; a Windows path keeps its
// backslashes and gets '/' separators after it, which Windows accepts.
export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}
export const join = (...parts: string[]): string => normalize(parts.filter(Boolean).join('/'));
export const basename = (p: string): string => normalize(p).split('/').pop() ?? '';
export const dirname = (p: string): string => normalize(p).split('/').slice(0, -1).join('/') || '/';
export const resolve = join;
export const sep = '/';
export const delimiter = ':';
export default { normalize, join, basename, dirname, resolve, sep, delimiter };
