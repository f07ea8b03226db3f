import { formatClock, formatTime, formatZone } from '../time-format.ts';
import type { TimelineEntry } from '../timeline.ts';
import { capitalize, escapeHtml, publicRedactor, textWithLinks } from './html-text.ts';
import type { PostmortemDraft } from './model.ts';

/** What every part of the page needs to turn draft values into safe HTML. */
export interface HtmlContext {
  readonly public: boolean;
  /** User or draft text (plain) as HTML: escaped, linked or redacted as the mode requires. */
  text(plain: string): string;
  /** The same without links, for places that cannot hold markup such as `<title>`. */
  unlinked(plain: string): string;
  /** A person as a label: the name, or in public mode the role ("The incident lead"). */
  person(name: string): string;
  /** Date, time and zone, `2026-11-21 14:05:09 UTC`. */
  time(ms: number): string;
  /** Time and zone only, for lists already grouped by day. */
  clock(ms: number): string;
}

export interface HtmlOptions {
  readonly public: boolean;
  /**
   * Public mode: more names to hide, as "a responder" (everyone in the workspace, for a page
   * served to the world), so a title such as "Alice broke checkout" hides Alice even when she
   * took no part in the incident.
   */
  readonly knownNames?: readonly string[];
}

export function htmlContext(draft: PostmortemDraft, options: HtmlOptions): HtmlContext {
  const zone = draft.timeZone;
  const timeTag = (ms: number, label: string) =>
    `<time datetime="${new Date(ms).toISOString()}">${escapeHtml(label)}</time>`;
  const base = {
    public: options.public,
    time: (ms: number) => timeTag(ms, formatTime(ms, zone)),
    clock: (ms: number) => timeTag(ms, `${formatClock(ms, zone)} ${formatZone(ms, zone)}`),
  };
  if (!options.public) {
    return { ...base, text: textWithLinks, unlinked: escapeHtml, person: escapeHtml };
  }
  const roles = publicRoles(draft, options.knownNames);
  const redact = publicRedactor(roles);
  return {
    ...base,
    text: (plain) => escapeHtml(redact(plain)),
    unlinked: (plain) => escapeHtml(redact(plain)),
    person: (name) => escapeHtml(capitalize(roles.get(name) ?? 'a responder')),
  };
}

/** The public page's rewriting of plain text (roles instead of names, no links, no Slack ids). */
export function publicTextOf(
  draft: PostmortemDraft,
  knownNames: readonly string[] = [],
): (plain: string) => string {
  return publicRedactor(publicRoles(draft, knownNames));
}

/** Whether a timeline entry's actor is a person (as opposed to a bot or a monitoring tool). */
export function isPersonEntry(entry: TimelineEntry): boolean {
  return entry.kind !== 'bot' && !entry.kind.startsWith('alert_');
}

/**
 * Every name the draft knows, mapped to the role a public reader sees. The lead wins over the
 * reporter when both are one person: that is the role readers of a report care about.
 */
function publicRoles(
  draft: PostmortemDraft,
  knownNames: readonly string[] = [],
): Map<string, string> {
  const roles = new Map<string, string>();
  const add = (name: string | null, role: string) => {
    if (name !== null && name.trim() !== '' && name !== 'someone' && !roles.has(name)) {
      roles.set(name, role);
    }
  };
  add(draft.lead, 'the incident lead');
  add(draft.reporter, 'the reporter');
  const responder = (name: string | null) => add(name, 'a responder');
  draft.participants.forEach(responder);
  for (const r of draft.responders) responder(r.name);
  for (const a of draft.actions) responder(a.owner);
  responder(draft.metrics.detection.by);
  for (const entry of draft.timeline) {
    for (const e of [entry, ...entry.replies]) if (isPersonEntry(e)) responder(e.actor);
  }
  for (const line of draft.transcript) if (!line.isBot) responder(line.actor);
  knownNames.forEach(responder);
  return roles;
}
