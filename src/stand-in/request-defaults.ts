import { randomBytes } from 'node:crypto';

// What every request the stand-in builds "as Slack" shares: ids of the one team and app, and the
// random parts Slack puts in trigger and event ids.

export const DEFAULT_TEAM_ID = 'T0001';
export const DEFAULT_BOT_USER_ID = 'UBOT';
export const APP_ID = 'A0001';
export const TEAM_DOMAIN = 'stand-in';
/** The legacy verification token; Slack still sends one, Bolt ignores it. */
export const VERIFICATION_TOKEN = 'verification-token';
/** Loopback port nothing listens on: a forgotten response_url fails fast instead of leaving. */
export const UNSET_RESPONSE_URL = 'http://127.0.0.1:9/response/unset';

/** A trigger id in Slack's shape: `<ms>.<10 digits>.<16 hex>`. */
export function triggerId(): string {
  return `${Date.now()}.${randomDigits(10)}.${randomHex(16)}`;
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

function randomDigits(length: number): string {
  return Array.from(randomBytes(length), (b) => String(b % 10)).join('');
}
