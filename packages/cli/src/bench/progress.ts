/**
 * Progress of `shimkit bench` on stderr. On a terminal: one bar redrawn in place
 * (`[██████░░░░░░]  generators 24/66  shimkit Fortuna, pure JS, fill @ 4 KiB`), cleared when done. Elsewhere
 * (a pipe, a log file, a test): one line per measurement, `[generators 24/66] shimkit … @ 4 KiB`.
 */

/** Where progress goes: a writable stream, a terminal when `isTTY` is true. */
export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const BAR = 24;

/** Reports measurement `done + 1` of `total` (a phase's count) as it starts; `end()` after the last. */
export class ProgressBar {
  readonly #sink: ProgressSink;
  readonly #tty: boolean;

  constructor(sink: ProgressSink) {
    this.#sink = sink;
    this.#tty = sink.isTTY === true;
  }

  /** `done` of `total` measurements of `phase` are finished; `label` names the next one (none when done = total). */
  update(phase: string, done: number, total: number, label: string): void {
    if (done >= total) return;
    const count = `${String(done + 1).padStart(String(total).length)}/${total}`;
    if (!this.#tty) {
      this.#sink.write(`[${phase} ${count}] ${label}\n`);
      return;
    }
    const filled = Math.round((BAR * done) / total);
    const line = `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}]  ${phase} ${count}  ${label}`;
    const width = (this.#sink.columns ?? 80) - 1;
    this.#sink.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }

  /** Clears the bar (terminal) so the next output starts on a clean line. */
  end(): void {
    if (this.#tty) this.#sink.write('\r\x1b[2K');
  }
}
