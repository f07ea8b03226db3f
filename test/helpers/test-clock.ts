import { Writable } from 'node:stream';

// A hand-moved clock, Slack-style timestamps and captured log lines, for the harness and tests.

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current: number) {}
  now = (): number => this.current;
  set(at: number): void {
    this.current = at;
  }
  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }
}

/** Slack-style ts ("1763733600.000000") for an epoch-ms instant. */
export function tsAt(ms: number, micros = 0): string {
  const seconds = Math.floor(ms / 1000);
  const rest = (ms % 1000) * 1000 + micros;
  return `${seconds}.${String(rest).padStart(6, '0')}`;
}

/** Log lines kept in memory, to assert on what the bot logged. */
export function captureLogs(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}
