import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boltLoggerFor, createLogger } from '../../src/logger.ts';

function captured(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: boltLoggerFor(createLogger(level, stream)), lines };
}

/** An argument that counts how often it is rendered (JSON.stringify calls toJSON). */
function counting() {
  const seen = { renders: 0 };
  return { seen, arg: { toJSON: () => ++seen.renders } };
}

describe('boltLoggerFor', () => {
  it('does not render the arguments of a level pino will not write', () => {
    const { logger, lines } = captured('info');
    const { seen, arg } = counting();
    logger.debug('request payload', arg);
    expect(seen.renders).toBe(0);
    expect(lines).toEqual([]);
  });

  it('renders, scrubs and writes the levels that are enabled', async () => {
    const { logger, lines } = captured('info');
    const { seen, arg } = counting();
    logger.info('token xoxb-123-abc used', arg);
    logger.warn(new Error('slow'));
    logger.error('failed', { code: 42 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.renders).toBe(1);
    expect(lines.map((l) => [l.level, l.msg, l.component])).toEqual([
      [30, 'token xoxb-[redacted] used 1', 'bolt'],
      [40, 'slow', 'bolt'],
      [50, 'failed {"code":42}', 'bolt'],
    ]);
  });

  it('writes debug when the level allows it', async () => {
    const { logger, lines } = captured('debug');
    logger.debug('details', { a: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l.msg)).toEqual(['details {"a":1}']);
  });
});
