// Errors the lab reports to people. `kind` decides the CLI exit code and the
// HTTP status: bad input (2 / 400) names the problem and the fix; anything else
// is a failure (1 / 500).
export type LabErrorKind = 'bad-input' | 'not-found' | 'conflict' | 'failure';

export class LabError extends Error {
  constructor(
    public readonly kind: LabErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}

export const badInput = (msg: string) => new LabError('bad-input', msg);
export const notFound = (msg: string) => new LabError('not-found', msg);

/** The first line of an error's message (for messages that quote a cause). */
export function errorLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
