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
