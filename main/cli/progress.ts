// A terminal progress bar for long work (training, import, embedding). Draws
// in place on a TTY; elsewhere prints a line at most every few seconds.
export class ProgressBar {
  private last = 0;
  private readonly tty: boolean;
  constructor(
    private label: string,
    private stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = !!stream.isTTY;
  }

  update(done: number, total: number, extra = ''): void {
    const now = Date.now();
    const final = done >= total;
    if (!final && now - this.last < (this.tty ? 100 : 5000)) return;
    this.last = now;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const width = 28;
    const fill = Math.round(frac * width);
    const bar = '█'.repeat(fill) + '░'.repeat(width - fill);
    const line = `${this.label} ${bar} ${String(Math.round(frac * 100)).padStart(3)}% ${done}/${total}${extra ? `  ${extra}` : ''}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else this.stream.write(`${line}\n`);
  }

  done(message?: string): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
    if (message) this.stream.write(`${message}\n`);
  }
}

export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  sec = Math.round(sec);
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}
