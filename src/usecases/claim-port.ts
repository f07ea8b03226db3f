// The claims on periodic jobs' items (ADR 0013), part of the Store port (store-port.ts).

/** A claim taken; `lapsedHolder` held the key before, until its claim lapsed (it died mid-work). */
export interface TakenClaim {
  lapsedHolder: string | null;
}

/**
 * Claims on the items of periodic jobs, so that replicas sharing a database work each item once
 * (ADR 0013). A claim lasts until its expiry; a live holder renews it, a dead one's lapses.
 */
export interface ClaimStore {
  /**
   * Takes `key` for `holder` until `until` when nobody holds it (never claimed, given back, or
   * expired by `now`); null while a claim stands, whoever's it is, this holder's own included.
   */
  take(key: string, holder: string, now: number, until: number): Promise<TakenClaim | null>;
  /** Extends each of the holder's claims that would end before `until`; how many. */
  renew(holder: string, until: number): Promise<number>;
  /** Gives the holder's claim on `key` back (another holder's stays). */
  release(key: string, holder: string): Promise<void>;
  /**
   * Ends at once every other holder's claims that would end before `before` (SQLite has one
   * process: earlier ones are dead). Longer claims, the at-most-once kind (a reminder day, a
   * weekly review), stand: a process that died after sending must not send again.
   */
  voidOthers(holder: string, before: number): Promise<number>;
  /** Removes claims that expired before `before`. */
  forgetExpired(before: number): Promise<number>;
}
