// Progress on stderr for long work (DESIGN.md §3): one line, redrawn in place, only when stderr is a
// terminal and neither --json, --quiet nor CI is set; nothing at all for work that ends within 2 s.
// A command starts it once (cli/run.ts); deep code reports what it is doing with progressNote(), which is
// cheap when progress is off and throttled when it is on, so a synchronous loop can call it per chunk
// (the timer cannot fire while such a loop runs; the note redraws instead).

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressOptions {
  /** Show nothing before this many ms (default 2000). */
  delayMs?: number;
  /** Redraw at most this often (default 200 ms). */
  everyMs?: number;
  now?: () => number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

class Ticker {
  private note = '';
  private frame = 0;
  private shown = false;
  private last = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly start: number;
  private readonly delay: number;
  private readonly every: number;
  private readonly now: () => number;

  constructor(
    private readonly label: string,
    private readonly stream: ProgressStream,
    o: ProgressOptions,
  ) {
    this.now = o.now ?? Date.now;
    this.start = this.now();
    this.delay = o.delayMs ?? 2000;
    this.every = o.everyMs ?? 200;
    this.timer = setInterval(() => this.draw(), this.every);
    this.timer.unref?.();
  }

  update(note: string): void {
    this.note = note;
    this.draw();
  }

  draw(): void {
    const t = this.now();
    if (t - this.start < this.delay || t - this.last < this.every) return;
    this.last = t;
    const secs = Math.floor((t - this.start) / 1000);
    let line = `${FRAMES[this.frame++ % FRAMES.length]} ${this.label}${this.note ? ': ' + this.note : ''} · ${secs} s`;
    const cols = this.stream.columns;
    const width = (cols && cols >= 20 ? cols : 80) - 1;
    if (line.length > width) line = line.slice(0, Math.max(1, width - 1)) + '…';
    this.stream.write('\r\x1b[2K' + line);
    this.shown = true;
  }

  /** Removes the line (before other stderr output, and at the end). */
  clear(): void {
    if (this.shown) {
      this.stream.write('\r\x1b[2K');
      this.shown = false;
      this.last = 0;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }
}

let current: Ticker | undefined;

/** Whether progress may be drawn: stderr is a terminal, no --json/--quiet, CI unset. */
export function progressEnabled(o: { json?: boolean; quiet?: boolean }, stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return Boolean(stream.isTTY) && !o.json && !o.quiet && !ci;
}

/** Starts the command's progress line (a no-op when not enabled). */
export function beginProgress(label: string, enabled: boolean, stream: ProgressStream = process.stderr, o: ProgressOptions & { lang?: 'en' | 'zh' } = {}): void {
  endProgress();
  if (enabled) {
    current = new Ticker(label, stream, o);
    zh = o.lang === 'zh';
  }
}

let zh = false;

/** What the command is doing now, in English and Chinese ("reading survey.csv", "正在读取 survey.csv"). */
export function progressNote(en: string, zhText?: string): void {
  current?.update(zh && zhText ? zhText : en);
}

/** Clears the line so other stderr output starts at column 0 (cx warnings and info call this). */
export function clearProgress(): void {
  current?.clear();
}

export function endProgress(): void {
  current?.stop();
  current = undefined;
}
