// Help texts (Slack mrkdwn). Every parse error carries one so the reply can show the fix inline.

export type Parsed<T> = { ok: true; command: T } | { ok: false; error: string; usage: string };

export const INCIDENT_USAGE = [
  '*`/incident` commands*',
  '*Declare and run*',
  '• `/incident start <title> [sev1-4] [--channel]` — declare an incident in this channel, or in a new one with `--channel`, e.g. `/incident start Checkout errors sev2`',
  '• `/incident lead @person` — set who leads the response, e.g. `/incident lead @alice`',
  '• `/incident status <text>` — post a status update, e.g. `/incident status Rolled back to v142`',
  '*Times* — `14:05`, `2:05pm`, `14:05 UTC`, `2026-11-21 14:05`, `15m ago`, `1h 30m ago`; a clock time later than now means yesterday',
  '• `/incident started <time>` — when impact began, e.g. `/incident started 13:40`',
  '• `/incident detected <time> [by monitoring|customer|@person]` — when and how it was noticed, e.g. `/incident detected 13:52 by customer`',
  '• `/incident mitigated [time] [note]` — impact has stopped, e.g. `/incident mitigated 14:05 Traffic failed over`',
  '• `/incident resolve [time] [note]` — the incident is over, e.g. `/incident resolve Root cause fixed`',
  '*Notes and severity*',
  '• `/incident note <text>` — add a key event to the timeline, e.g. `/incident note Paused the payments deploy`',
  '• `/incident sev <1-4>` — change the severity, e.g. `/incident sev 2`',
  '*Describe it* (also after the incident)',
  '• `/incident tag <tag…>` — free tags and `key:value` tags; `service:<name>` marks an affected service, e.g. `/incident tag service:checkout region:eu flaky`',
  '• `/incident untag <tag>` — remove a tag, also one an alert suggested (it will not be suggested again), e.g. `/incident untag service:checkout`',
  '• `/incident category <name>` — what kind of incident it was, e.g. `/incident category deploy`',
  '*Timeline and post-mortem*',
  '• `/incident timeline` — show the timeline so far',
  '• `/incident summary|impact|cause <text>` — write that part of the post-mortem (the latest wins), e.g. `/incident impact 12% of checkouts failed for 25 minutes`',
  '• `/incident learning <text>` — add a key learning (repeatable)',
  '• `/incident postmortem` — regenerate and repost the draft post-mortem, also after the incident',
  '• `/incident review` — the post-mortem is in review (after the resolution)',
  '• `/incident publish` — the reviewed post-mortem is published',
  '• `/incident skip-postmortem <reason>` — a sev3/sev4 needs no post-mortem, e.g. `/incident skip-postmortem One failed cron run, retried fine`',
  '*Reopen*',
  '• `/incident reopen` — impact is back after mitigation or resolution',
  '*Numbers*',
  '• `/incident stats [7d|30d|90d|365d|all] [service:<name>]` — incidents, TTD/TTM/TTR, who detected, follow-ups and recurring alerts over a window (default 30d), privately, e.g. `/incident stats 90d service:checkout`',
  '*Help*',
  '• `/incident help` — show this help',
].join('\n');

export const LEAD_USAGE = [
  '*`/lead`*',
  '• `/lead @person` — set who leads this incident, e.g. `/lead @alice` (pick the name from the autocomplete list)',
].join('\n');

export const ACTION_USAGE = [
  '*`/action` commands*',
  '• `/action <text> [@owner] [due <date>] [p1|p2|p3]` — add a follow-up action; owner, due date and priority go at the end, in any order, e.g. `/action Add alert on queue depth @bob due friday` or `/action Rotate the leaked key p1`',
  '• `/action list [mine|open|all]` — list this incident’s actions (open ones unless you say), e.g. `/action list mine`',
  '• `/action done <id>` — mark an action done, e.g. `/action done 12`',
  '• `/action export <id>` — create a GitHub issue for it (when configured), e.g. `/action export 12`',
  '• `/action assign <id> @person` — give an action a new owner, e.g. `/action assign 12 @bob`',
  '• `/action due <id> <date>` — change when an action is due, e.g. `/action due 12 next week`',
  '• `/action drop <id> <reason>` — drop an action that is no longer needed, e.g. `/action drop 12 Covered by the new alert`',
  '• `/action purpose <id> detect|mitigate|prevent|none` — say (or change) what an action is for, e.g. `/action purpose 12 prevent`',
  '• `/action help` — show this help',
  'A last word `detect`, `mitigate` or `prevent` says what an action is for (detect faster, mitigate faster, stop it happening again), e.g. `/action Alert on pool saturation @bob detect`.',
  'Ids are the numbers shown by `/action list`; `12` and `#12` both work. Priority: `p1` is the most urgent, `p3` the least.',
  'Due dates: `YYYY-MM-DD`, `today`, `tomorrow`, a weekday (`friday`, `fri`), `next week`, `in 3d`, `in 2 weeks`.',
  '`due` right after the owner or priority must be followed by a date (`@bob due fridya` is refused); elsewhere "due" is part of the text, e.g. `/action Run due diligence on the vendor`.',
].join('\n');

export function usageError(
  error: string,
  usage: string,
): { ok: false; error: string; usage: string } {
  return { ok: false, error, usage };
}
