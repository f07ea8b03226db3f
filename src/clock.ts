/** The only source of "now" in the app; tests pass a clock they control. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
