// The tree's dependency rules, checked on the imports themselves (read with
// TypeScript's parser, static and dynamic, type-only ones told apart):
// - the lab process (main/) never loads TensorFlow.js or worker code, so
//   `serve`, `runs` and the Electron main process start without them;
// - main/common holds what every process may import, and imports nothing else of the lab;
// - workers import only main/common from the lab's side;
// - the renderer imports only the API's types and the shared vocabulary;
// - there are no import cycles.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

interface Edge {
  from: string;
  /** a project file (relative to the root) or a package name */
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist' && !e.name.startsWith('.')) out.push(...sourceFiles(rel));
    } else if (/\.(ts|mts|mjs|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The import edges of one file: import/export declarations and import() calls. */
function importsOf(file: string): Edge[] {
  let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  if (file.endsWith('.svelte')) text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    let to = spec;
    if (spec.startsWith('.')) to = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    else if (spec.startsWith('@')) to = spec.split('/').slice(0, 2).join('/');
    else to = spec.split('/')[0];
    edges.push({ from: file, to, typeOnly });
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : null;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(n.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) add(n.moduleSpecifier.text, n.isTypeOnly);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) add(n.arguments[0].text, false);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) add(n.argument.literal.text, true);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return edges;
}

const files = ['main', 'worker', 'renderer/src', 'bin'].flatMap(sourceFiles);
const edges = files.flatMap(importsOf);
const runtime = edges.filter((e) => !e.typeOnly);
const under = (dir: string) => (f: string) => f.startsWith(`${dir}/`);

/** Every file the lab process may load at run time from its entry points (static and dynamic imports). */
function runtimeClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const e of runtime) if (e.from === f) stack.push(e.to);
  }
  return seen;
}

describe('dependency rules', () => {
  it('reads the imports of every source file (the checks below see real edges)', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(edges.some((e) => e.from === 'worker/train/trainer.ts' && e.to === '@tensorflow/tfjs' && !e.typeOnly)).toBe(true);
    expect(edges.some((e) => e.from === 'worker/main.ts' && e.to === 'worker/train/train.ts' && !e.typeOnly)).toBe(true); // a dynamic import
    expect(edges.some((e) => e.from === 'renderer/src/lib/lab.ts' && e.to === 'main/lab/api.ts' && e.typeOnly)).toBe(true);
  });

  it('the lab process never loads TensorFlow.js or worker code', () => {
    const entries = ['main/cli/cli.ts', 'main/server/server.ts', 'main/electron/electron.ts', 'main/electron/preload.ts', 'bin/jepa-lab.mjs', 'bin/start.mjs'];
    for (const e of entries) expect(files, e).toContain(e);
    const loaded = [...runtimeClosure(entries)];
    expect(loaded.filter((f) => f.startsWith('@tensorflow/'))).toEqual([]);
    expect(loaded.filter(under('worker'))).toEqual([]);
    // nor does any file of main/, whether an entry reaches it or not
    expect(runtime.filter((e) => under('main')(e.from) && (e.to.startsWith('@tensorflow/') || under('worker')(e.to)))).toEqual([]);
  });

  it('main/common imports only main/common (every process may import it)', () => {
    const bad = edges.filter((e) => under('main/common')(e.from) && (e.to.startsWith('main/') || e.to.startsWith('worker/')) && !under('main/common')(e.to));
    expect(bad).toEqual([]);
  });

  it('workers import only main/common from the lab side', () => {
    expect(edges.filter((e) => under('worker')(e.from) && e.to.startsWith('main/') && !under('main/common')(e.to))).toEqual([]);
  });

  it('the renderer imports only the API types and the shared vocabulary', () => {
    const outside = edges.filter((e) => under('renderer/src')(e.from) && (e.to.startsWith('main/') || e.to.startsWith('worker/')));
    const allowed = (e: Edge) => e.to === 'main/common/vocabulary.ts' || (e.to === 'main/lab/api.ts' && e.typeOnly);
    expect(outside.filter((e) => !allowed(e))).toEqual([]);
    expect(outside.length).toBeGreaterThan(0);
  });

  it('has no import cycles', () => {
    const next = new Map<string, string[]>();
    for (const e of edges) if (files.includes(e.to)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const walk = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const g of next.get(f) ?? []) {
        if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g]);
        else if (!state.has(g)) walk(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) walk(f);
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });
});
