// Schemas (zod) for data that crosses a boundary: the training config and its
// overrides, and the API's arguments. The builders below give every check one
// message that names what is allowed; `issueText` turns zod's first issue into
// the field-named sentence the CLI, the API and the launch form all show.
import { z } from 'zod';
import { badInput } from './errors.ts';

export { z };

const BIG = 2 ** 53;

/** A value as an error message quotes it (strings quoted, long ones cut). */
export function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const range = (lo: number, hi: number, openLo = false) =>
  hi < BIG ? ` in ${openLo ? '(' : '['}${lo}, ${hi}]` : lo > -BIG ? ` ${openLo ? '>' : '≥'} ${lo}` : '';

/** An integer in [lo, hi]. */
export function int(lo = -BIG, hi = BIG) {
  const error = `must be an integer${range(lo, hi)}`;
  return z.number({ error }).int({ error }).min(lo, { error }).max(hi, { error });
}

/** A finite number in [lo, hi] (or (lo, hi] when openLo). */
export function num(lo = -Infinity, hi = Infinity, openLo = false) {
  const error = `must be a number${Number.isFinite(lo) || Number.isFinite(hi) ? range(lo, hi, openLo) : ''}`;
  const n = z.number({ error });
  const low = Number.isFinite(lo) ? (openLo ? n.gt(lo, { error }) : n.min(lo, { error })) : n;
  return Number.isFinite(hi) ? low.max(hi, { error }) : low;
}

/** A [min, max] pair within [lo, hi], min ≤ max. */
export function pair(lo: number, hi: number) {
  return z
    .tuple([num(lo, hi), num(lo, hi)], { error: `must be a pair [min, max] within [${lo}, ${hi}]` })
    .refine(([a, b]) => a <= b, { error: (iss) => `min ${(iss.input as number[])[0]} is larger than max ${(iss.input as number[])[1]}`, params: { statement: true } });
}

export function str(maxLen = 4096, minLen = 0) {
  return z
    .string({ error: 'must be a string' })
    .min(minLen, { error: minLen === 1 ? 'must not be empty' : `must have at least ${minLen} characters` })
    .max(maxLen, { error: `must be at most ${maxLen} characters` });
}

export function bool() {
  return z.boolean({ error: 'must be true or false' });
}

export function oneOf<const T extends readonly [string | number, ...(string | number)[]]>(...values: T) {
  return z.custom<T[number]>((x) => values.includes(x as T[number]), { error: `must be one of ${values.map((s) => JSON.stringify(s)).join(', ')}` });
}

export function arr<S extends z.ZodType>(item: S, minLen = 0, maxLen = 100_000) {
  return z
    .array(item, { error: 'must be a list' })
    .min(minLen, { error: `must have at least ${minLen} item${minLen === 1 ? '' : 's'}` })
    .max(maxLen, { error: `must have at most ${maxLen} items` });
}

/** Leave-outable: undefined or null mean "not given". */
export function opt<S extends z.ZodType>(s: S) {
  return s.nullish().transform((x) => x ?? undefined);
}

/** An object with exactly these keys (unknown keys are refused: they are typos); nothing given means {}. */
export function obj<S extends z.ZodRawShape>(shape: S) {
  const keys = Object.keys(shape).join(', ') || 'none';
  return z.preprocess(
    (x) => x ?? {},
    z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? `has an unknown field "${iss.keys[0]}"; allowed: ${keys}` : 'must be an object') }),
  );
}

/** A section of the config: unknown keys are named with the keys that exist there. */
export function section<S extends z.ZodRawShape>(shape: S) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown key; known keys here: ${keys}` : 'must be a mapping of keys to values') });
}

/** Any plain JSON object, checked later by its owner (config overrides by resolveConfig); prototype keys and deep nesting are refused. */
export function plain() {
  return z.unknown().superRefine((x, ctx) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) {
      ctx.addIssue({ code: 'custom', message: 'must be an object', input: x, params: { got: true } });
      return;
    }
    const scan = (o: unknown, at: (string | number)[]): void => {
      if (typeof o !== 'object' || o === null) return;
      if (at.length > 8) {
        ctx.addIssue({ code: 'custom', path: at, message: 'is nested too deeply' });
        return;
      }
      for (const [k, val] of Object.entries(o)) {
        if (k === '__proto__' || k === 'constructor' || k === 'prototype') ctx.addIssue({ code: 'custom', path: at, message: `must not have a key named "${k}"` });
        else scan(val, [...at, k]);
      }
    };
    scan(x, []);
  }) as unknown as z.ZodType<Record<string, unknown>>;
}

/** The issue to report: an unknown key first (a typo explains the rest), else the first. */
function firstIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
}

/** A field's name: a prefix and path segments, dotted, with [i] for list items ("sampleMasks.mask.pred_mask_scale[0]"). */
export function fieldName(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

export interface Problem {
  /** where in the value: object keys and list indices */
  path: PropertyKey[];
  /** what is wrong, e.g. "must be an integer in [1, 16], got 20" */
  text: string;
  /** the text describes the value ("min 3 is larger than max 1") rather than saying what it must be */
  statement: boolean;
  /** set when the problem is a key that does not belong there */
  unknownKey?: string;
}

/** An issue as a Problem: the schema's message, plus the value given where that helps. */
function problemOf(issue: z.core.$ZodIssue): Problem {
  const input = (issue as { input?: unknown }).input;
  const params = (issue as { params?: { statement?: boolean; got?: boolean } }).params;
  let text = issue.message;
  const length = (issue.code === 'too_big' || issue.code === 'too_small') && (issue.origin === 'array' || issue.origin === 'string');
  if (length && text.startsWith('must be a pair')) text += `, got ${show(input)}`;
  else if (issue.code === 'too_big' && length) text += `, got ${(input as { length: number }).length}`;
  else if (length) {
    /* "must have at least N items" says it all */
  } else if (issue.code !== 'unrecognized_keys' && (issue.code !== 'custom' || params?.got || text.startsWith('must be one of'))) text += `, got ${show(input)}`;
  return { path: [...issue.path], text, statement: !!params?.statement, unknownKey: issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined };
}

/** Parse, or return the first problem: an unknown key first (a typo explains the rest), else the first issue. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): { ok: true; value: z.output<S> } | ({ ok: false } & Problem) {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues;
  return { ok: false, ...problemOf(issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]) };
}

/** Parse, or throw bad-input naming the field: "train.steps must be an integer ≥ 1, got 0". */
export function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = parse(schema, value);
  if (r.ok) return r.value;
  throw badInput(`${fieldName(where, r.path)}${r.statement ? ':' : ''} ${r.text}`);
}
