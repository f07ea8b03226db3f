import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack allows five minutes of clock difference either way. */
const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureVerdict =
  | { ok: true; signature: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' };

/**
 * Slack's v0 scheme, checked in full: `v0=` + hex HMAC-SHA256 of `v0:<ts>:<body>`, compared in
 * constant time, and a timestamp within five minutes of now in BOTH directions (Bolt only refuses
 * old ones, so a request signed with a future timestamp would stay replayable for as long as the
 * attacker liked).
 */
export function verifySlackSignature(input: {
  secret: string;
  body: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const nowSeconds = Math.floor(input.nowMs / 1000);
  const ts = Number(timestamp);
  if (ts < nowSeconds - MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  if (ts > nowSeconds + MAX_SKEW_SECONDS) return { ok: false, reason: 'future' };
  const expected = createHmac('sha256', input.secret)
    .update(`v0:${timestamp}:`)
    .update(input.body)
    .digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true, signature };
}

/**
 * Signatures accepted in the last `windowMs`. A valid signature seen twice is a replay: Slack
 * signs every delivery (retries included) afresh, so it never sends the same one twice. Entries
 * older than the window can go, because the timestamp check refuses those requests anyway.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number = 2 * MAX_SKEW_SECONDS * 1000) {}

  /** True the first time a signature is offered within the window; false for a replay. */
  claim(signature: string, nowMs: number): boolean {
    this.evict(nowMs);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, nowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(nowMs: number): void {
    // Insertion order is time order, so the oldest entries come first.
    for (const [signature, at] of this.seen) {
      if (nowMs - at <= this.windowMs) break;
      this.seen.delete(signature);
    }
  }
}
