import { readFileSync } from 'node:fs';

/** A realistic webhook body from test/fixtures/webhooks, parsed fresh for every test. */
export function fixture(name: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/webhooks/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** Values a parser must refuse politely, whatever the format. */
export const NOT_OBJECTS: unknown[] = [null, undefined, 42, 'alerts', true, [], [{}]];
