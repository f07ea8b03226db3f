// Slack timestamps are `<seconds>.<6 digits>` strings. Comparing them as strings breaks as soon
// as a caller writes one without the padding, so they are compared as whole microseconds (which
// stay well inside Number's exact-integer range).

const TS_PATTERN = /^(\d+)(?:\.(\d{1,6}))?$/;

/** Microseconds since the epoch, or NaN when `ts` is not Slack-shaped. */
export function tsToMicros(ts: string): number {
  const match = TS_PATTERN.exec(ts.trim());
  if (!match) return Number.NaN;
  const seconds = Number(match[1]);
  const micros = Number((match[2] ?? '').padEnd(6, '0'));
  return seconds * 1_000_000 + micros;
}

function microsToTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const rest = micros % 1_000_000;
  return `${seconds}.${String(rest).padStart(6, '0')}`;
}

export function compareTs(a: string, b: string): number {
  return tsToMicros(a) - tsToMicros(b);
}

/** Issues strictly increasing timestamps, even when the clock stands still. */
export class TsClock {
  private last = 0;

  constructor(private readonly now: () => number) {}

  next(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.last + 1);
    this.last = micros;
    return microsToTs(micros);
  }
}
