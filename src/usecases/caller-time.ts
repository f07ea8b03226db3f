import { parseIncidentTime } from '../domain/incident-time.ts';
import type { Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

export type CallerTime = { ok: true; at: number | null } | { ok: false; reply: string };

/** Reads a typed time in the caller's Slack time zone (else SCRIBE_TIMEZONE); null stays null. */
export async function callerTime(
  deps: Deps,
  userId: string,
  raw: string | null,
): Promise<CallerTime> {
  if (raw === null) return { ok: true, at: null };
  await rememberPeople(deps, [userId]);
  const zone = (await deps.store.people.timeZoneOf(userId)) ?? deps.timeZone;
  const parsed = parseIncidentTime(raw, deps.clock.now(), zone);
  return parsed.ok
    ? { ok: true, at: parsed.at }
    : { ok: false, reply: `${parsed.error} Nothing was changed.` };
}
