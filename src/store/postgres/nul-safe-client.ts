import pg from 'pg';

const NUL = '\u0000';
/** U+FFFD REPLACEMENT CHARACTER: what stands for a character that could not be kept. */
const REPLACEMENT = '\uFFFD';

/**
 * PostgreSQL's `text` cannot hold U+0000 (SQLite's can): a Slack message carrying one would fail
 * to store, and its event would be redelivered forever. Every string sent as a parameter gets
 * U+FFFD in its place, inside arrays too. JSON objects are left alone: no column is json(b).
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  }
  return Array.isArray(value) ? value.map(withoutNul) : value;
}

/**
 * The pool's connections. Replacing NUL in the driver, the one door every statement goes
 * through, covers drizzle's inserts, updates and upserts, raw SQL and lookups alike, so no
 * writer can forget it and a lookup by the original text finds what was stored.
 */
export class NulSafeClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: one override stands for all of pg's query overloads
  override query(...args: any[]): any {
    const [config, values] = args;
    if (Array.isArray(values)) args[1] = values.map(withoutNul);
    // A submittable (a cursor, a stream) carries its own values; we use none.
    else if (isPlainConfig(config) && Array.isArray(config.values)) {
      args[0] = { ...config, values: config.values.map(withoutNul) };
    }
    return Reflect.apply(pg.Client.prototype.query, this, args);
  }
}

function isPlainConfig(config: unknown): config is { values?: unknown } {
  return (
    typeof config === 'object' &&
    config !== null &&
    typeof (config as { submit?: unknown }).submit !== 'function'
  );
}
