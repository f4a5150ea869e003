// Errors the lab reports to people. `kind` decides the CLI exit code and the
// HTTP status: bad input (2 / 400) names the problem and the fix; anything else
// is a failure (1 / 500).
export type LabErrorKind = 'bad-input' | 'not-found' | 'conflict' | 'failure';

/** What the app offers in place of a command to type (it never tells a GUI user to run the CLI). */
export type LabAction = 'open-runs' | 'open-datasets';

/** The way out of an error, said twice: as a command for the CLI, as an action for the GUI. */
export interface Advice {
  /** appended to the message on the command line, e.g. "list runs with `jepa-lab runs`" */
  cli: string;
  action: LabAction;
  /** the GUI button's label */
  label: string;
}

export class LabError extends Error {
  /** the message without the command-line advice (what the GUI shows) */
  readonly plain: string;
  constructor(
    public readonly kind: LabErrorKind,
    message: string,
    public readonly advice?: Advice,
  ) {
    super(advice ? `${message}; ${advice.cli}` : message);
    this.plain = message;
    this.name = 'LabError';
  }
}

export const badInput = (msg: string, advice?: Advice) => new LabError('bad-input', msg, advice);
export const notFound = (msg: string, advice?: Advice) => new LabError('not-found', msg, advice);

/** The advice of "no such run". */
export const LIST_RUNS: Advice = { cli: 'list runs with `jepa-lab runs`', action: 'open-runs', label: 'Show the runs' };
/** The advice of "no such dataset". */
export const LIST_DATASETS: Advice = { cli: 'list them with `jepa-lab datasets` or import one with `jepa-lab import PATH --name NAME`', action: 'open-datasets', label: 'Open Datasets' };

/** The first line of an error's message (for messages that quote a cause). */
export function errorLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** What a failed file or database operation means to a person, from its error code; null when the code says nothing useful. */
export function ioProblem(e: unknown): { problem: string; fix: string; code: string } | null {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return { code, problem: 'the disk is full', fix: 'free some space and try again' };
  if (code === 'EDQUOT') return { code, problem: 'the disk quota is used up', fix: 'free some space and try again' };
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return { code, problem: 'permission denied', fix: 'fix the permissions or choose another place' };
  if (code === 'EROFS') return { code, problem: 'the file system is read-only', fix: 'choose a writable place' };
  if (code === 'ENOENT') return { code, problem: 'the folder does not exist', fix: 'create it or choose another place' };
  if (code === 'ENOTDIR') return { code, problem: 'part of the path is a file, not a folder', fix: 'choose another place' };
  if (code === 'EISDIR') return { code, problem: 'it is a folder', fix: 'give a file name' };
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return { code, problem: 'an input/output error (the disk may be failing or full)', fix: 'check the disk (`jepa-lab doctor`) and try again' };
  return null;
}

/** A failed write as a LabError that names what could not be written, why and what to do (the disk-full kind is a failure; a place the user chose that cannot be written is bad input). */
export function writeError(e: unknown, what: string, opts: { fix?: string; userPlace?: boolean } = {}): LabError {
  if (e instanceof LabError) return e;
  const p = ioProblem(e);
  if (!p) return new LabError('failure', `cannot write ${what}: ${errorLine(e)}`);
  const kind: LabErrorKind = opts.userPlace && !['ENOSPC', 'SQLITE_FULL', 'EDQUOT', 'EIO'].includes(p.code) && !p.code.startsWith('SQLITE_IOERR') ? 'bad-input' : 'failure';
  return new LabError(kind, `cannot write ${what}: ${p.problem} (${p.code}); ${opts.fix ?? p.fix}`);
}
