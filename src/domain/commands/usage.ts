// Help texts (Slack mrkdwn). Every parse error carries one so the reply can show the fix inline.

export type Parsed<T> = { ok: true; command: T } | { ok: false; error: string; usage: string };

export const INCIDENT_USAGE = [
  '*`/incident` commands*',
  '• `/incident start <title> [sev1-4]` — declare an incident in this channel, e.g. `/incident start Checkout errors sev2`',
  '• `/incident lead @person` — set who leads the response, e.g. `/incident lead @alice`',
  '• `/incident status <text>` — post a status update, e.g. `/incident status Rolled back to v142`',
  '• `/incident mitigated [note]` — impact has stopped, e.g. `/incident mitigated Traffic failed over`',
  '• `/incident resolve [note]` — the incident is over, e.g. `/incident resolve Root cause fixed`',
  '• `/incident help` — show this help',
].join('\n');

export const LEAD_USAGE = [
  '*`/lead`*',
  '• `/lead @person` — set who leads this incident, e.g. `/lead @alice` (pick the name from the autocomplete list)',
].join('\n');

export const ACTION_USAGE = [
  '*`/action` commands*',
  '• `/action <text> [@owner] [due <date>]` — add a follow-up action, e.g. `/action Add alert on queue depth @bob due friday`',
  '• `/action list` — list this incident’s actions',
  '• `/action help` — show this help',
  'Due dates: `YYYY-MM-DD`, `today`, `tomorrow`, a weekday (`friday`, `fri`), `next week`, `in 3d`, `in 2 weeks`.',
].join('\n');

export function usageError(
  error: string,
  usage: string,
): { ok: false; error: string; usage: string } {
  return { ok: false, error, usage };
}
