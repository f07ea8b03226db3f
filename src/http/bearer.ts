import { createHash, timingSafeEqual } from 'node:crypto';

export type BearerCheck = 'ok' | 'missing' | 'wrong';

const BEARER = /^Bearer[ \t]+(.+?)[ \t]*$/i;

/**
 * Checks an `Authorization: Bearer …` header against the expected token in constant time.
 * Comparing SHA-256 digests gives both sides the same length, so neither the token's length
 * nor how much of it matched leaks through timing.
 */
export function checkBearer(header: string | undefined, expected: string): BearerCheck {
  const given = header === undefined ? null : (BEARER.exec(header)?.[1] ?? null);
  const same = timingSafeEqual(digest(given ?? ''), digest(expected));
  if (given === null) return 'missing';
  return same && expected !== '' ? 'ok' : 'wrong';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
