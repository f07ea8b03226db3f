import { describe, expect, it } from 'vitest';
import { ReplayCache, verifySlackSignature } from '../../src/http/slack-signature.ts';
import { signSlackRequest } from '../../src/stand-in/requests.ts';

const SECRET = 'shh';
const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const NOW_S = NOW / 1000;

function check(body: string, ts: number, opts: { secret?: string; signature?: string } = {}) {
  const signed = signSlackRequest(body, opts.secret ?? SECRET, ts);
  return verifySlackSignature({
    secret: SECRET,
    body: Buffer.from(body),
    timestamp: signed['x-slack-request-timestamp'],
    signature: opts.signature ?? signed['x-slack-signature'],
    nowMs: NOW,
  });
}

describe('verifySlackSignature', () => {
  it('accepts a request signed now, and up to five minutes either side', () => {
    expect(check('a=1', NOW_S)).toMatchObject({ ok: true });
    expect(check('a=1', NOW_S - 300)).toMatchObject({ ok: true });
    expect(check('a=1', NOW_S + 300)).toMatchObject({ ok: true });
  });

  it('refuses stale and future timestamps', () => {
    expect(check('a=1', NOW_S - 301)).toEqual({ ok: false, reason: 'stale' });
    expect(check('a=1', NOW_S + 301)).toEqual({ ok: false, reason: 'future' });
    expect(check('a=1', NOW_S + 86_400)).toEqual({ ok: false, reason: 'future' });
  });

  it('refuses another secret, a changed body and malformed headers', () => {
    expect(check('a=1', NOW_S, { secret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    const good = signSlackRequest('a=1', SECRET, NOW_S);
    const tampered = verifySlackSignature({
      secret: SECRET,
      body: Buffer.from('a=2'),
      timestamp: good['x-slack-request-timestamp'],
      signature: good['x-slack-signature'],
      nowMs: NOW,
    });
    expect(tampered).toEqual({ ok: false, reason: 'mismatch' });
    expect(check('a=1', NOW_S, { signature: 'v0=zz' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(check('a=1', NOW_S, { signature: `v1=${'0'.repeat(64)}` })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    for (const timestamp of [undefined, '']) {
      const verdict = verifySlackSignature({
        secret: SECRET,
        body: Buffer.from(''),
        timestamp,
        signature: good['x-slack-signature'],
        nowMs: NOW,
      });
      expect(verdict).toEqual({ ok: false, reason: 'missing' });
    }
    const notANumber = verifySlackSignature({
      secret: SECRET,
      body: Buffer.from(''),
      timestamp: '1e9',
      signature: good['x-slack-signature'],
      nowMs: NOW,
    });
    expect(notANumber).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('ReplayCache', () => {
  it('lets a signature through once within the window, then refuses it', () => {
    const cache = new ReplayCache(1000);
    expect(cache.claim('sig-a', 0)).toBe(true);
    expect(cache.claim('sig-a', 500)).toBe(false);
    expect(cache.claim('sig-b', 500)).toBe(true);
  });

  it('forgets signatures older than the window, so memory stays bounded', () => {
    const cache = new ReplayCache(1000);
    for (let i = 0; i < 100; i += 1) cache.claim(`sig-${i}`, i);
    expect(cache.size).toBe(100);
    cache.claim('late', 2000);
    expect(cache.size).toBe(1);
  });
});
