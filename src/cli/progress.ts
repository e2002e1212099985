/** Where progress goes, and how time is read (tests give a clock of their own). */
export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal gets one bar redrawn in place; a log (CI, cron) gets a line now and then. */
  isTty: boolean;
  /** What is being read, e.g. the export's file name. */
  label: string;
  /** The input's size in bytes, when known (a file), for the percentage. */
  totalBytes: number | null;
  now?: () => number;
  /** Milliseconds between lines in a log (default 5 s); a terminal redraws at most every 100 ms. */
  logInterval?: number;
}

const BAR_WIDTH = 24;

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/**
 * Reports the progress of reading an export on stderr: units read, MB read and MB/s. On a
 * terminal a bar redrawn in place; elsewhere (a nightly job's log) a plain line every few seconds,
 * so a log shows the build is alive without being flooded.
 */
export class ReadProgress {
  private readonly now: () => number;
  private readonly started: number;
  private lastShown: number;
  private drewBar = false;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastShown = this.started;
  }

  private rate(bytes: number, at: number): string {
    const seconds = (at - this.started) / 1000;
    return seconds > 0 ? `${megabytes(bytes / seconds)} MB/s` : '- MB/s';
  }

  private percent(bytes: number): number | null {
    const { totalBytes } = this.options;
    return totalBytes ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : null;
  }

  /** Called as bytes and units are read; draws or prints when it is time to. */
  update(bytes: number, units: number): void {
    const at = this.now();
    const interval = this.options.isTty ? 100 : (this.options.logInterval ?? 5000);
    if (at - this.lastShown < interval) return;
    this.lastShown = at;
    const percent = this.percent(bytes);
    const of = this.options.totalBytes ? ` of ${megabytes(this.options.totalBytes)}` : '';
    const figures = `${megabytes(bytes)}${of} MB, ${units.toLocaleString('en')} units, ${this.rate(bytes, at)}`;
    if (this.options.isTty) {
      const filled = percent === null ? 0 : Math.round((percent / 100) * BAR_WIDTH);
      const bar =
        percent === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent}% `;
      // \r and "erase line": the bar is redrawn in place and a shorter line leaves no tail.
      this.options.write(`\r\x1b[Kreading ${this.options.label} ${bar}${figures}`);
      this.drewBar = true;
    } else {
      this.options.write(
        `reading ${this.options.label}: ${percent === null ? '' : `${percent}%, `}${figures}\n`,
      );
    }
  }

  /** The closing line: what was read, how long it took, how fast. */
  finish(bytes: number, units: number): void {
    const at = this.now();
    if (this.drewBar) this.options.write('\r\x1b[K');
    this.drewBar = false;
    this.options.write(
      `read ${this.options.label}: ${megabytes(bytes)} MB, ${units.toLocaleString('en')} units in ${((at - this.started) / 1000).toFixed(1)} s (${this.rate(bytes, at)})\n`,
    );
  }

  /** Ends the bar's line after a failure, so the error starts on a line of its own. */
  abandon(): void {
    if (this.drewBar) this.options.write('\n');
  }
}
