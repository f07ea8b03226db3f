import type { Incident, IncidentEvent, PeopleDirectory, RecordedMessage } from '../types.ts';

export interface Responder {
  name: string;
  /** Short phrases: "declared the incident", "lead", "posted 3 status updates", "12 messages". */
  did: string[];
}

export interface RespondersInput {
  incident: Incident;
  events: readonly IncidentEvent[];
  messages: readonly RecordedMessage[];
  people: PeopleDirectory;
}

interface Tally {
  first: number;
  order: number;
  counts: Map<Deed, number>;
}

/** In the order the phrases read best: role first, then what changed, then the chatter. */
const DEEDS = [
  'declared',
  'noticed',
  'lead',
  'named lead',
  'status',
  'severity',
  'mitigated',
  'resolved',
  'reopened',
  'times',
  'action',
  'note',
  'message',
] as const;
type Deed = (typeof DEEDS)[number];

const PHRASES: Record<Deed, (n: number) => string> = {
  declared: () => 'declared the incident',
  noticed: () => 'noticed it first',
  lead: () => 'lead',
  // A past lead: exact hand-over times are in the timeline, this only says they held the role.
  'named lead': () => 'named lead',
  status: (n) => `posted ${count(n, 'status update')}`,
  severity: () => 'changed the severity',
  mitigated: () => 'marked mitigated',
  resolved: () => 'resolved',
  reopened: () => 'reopened the incident',
  times: () => 'corrected the incident times',
  action: (n) => `added ${count(n, 'action item')}`,
  note: (n) => `added ${count(n, 'note')}`,
  message: (n) => count(n, 'message'),
};

const BY_EVENT: Partial<Record<IncidentEvent['kind'], Deed>> = {
  declared: 'declared',
  status_update: 'status',
  severity_changed: 'severity',
  mitigated: 'mitigated',
  resolved: 'resolved',
  reopened: 'reopened',
  impact_start_set: 'times',
  detected_set: 'times',
  action_added: 'action',
  note: 'note',
};

/** A person's messages: how many, and when the first was posted. */
export interface MessageTally {
  first: number;
  count: number;
}

/** Each person's messages, in the order of `messages` (bots and deleted messages left out). */
export function tallyMessages(messages: Iterable<RecordedMessage>): Map<string, MessageTally> {
  const tallies = new Map<string, MessageTally>();
  for (const m of messages) addToTally(tallies, m);
  return tallies;
}

/** One message folded into the tallies (streamed drafts fold as they read). */
export function addToTally(tallies: Map<string, MessageTally>, m: RecordedMessage): void {
  if (m.isBot || m.deleted || m.userId === null) return;
  const tally = tallies.get(m.userId);
  if (tally === undefined) tallies.set(m.userId, { first: m.postedAt, count: 1 });
  else {
    tally.first = Math.min(tally.first, m.postedAt);
    tally.count++;
  }
}

/**
 * Who did what, in the order people first acted; bots post but do not respond. `messages` is
 * read only when no tallies are given (tallyMessages of the same messages: the same answer).
 */
export function buildResponders(
  input: RespondersInput,
  messageTallies: ReadonlyMap<string, MessageTally> = tallyMessages(input.messages),
): Responder[] {
  const tallies = new Map<string, Tally>();
  const credit = (id: string, deed: Deed, at: number) => {
    const tally = tallies.get(id) ?? { first: at, order: tallies.size, counts: new Map() };
    tally.first = Math.min(tally.first, at);
    tally.counts.set(deed, (tally.counts.get(deed) ?? 0) + 1);
    tallies.set(id, tally);
  };

  const currentLead = input.incident.leadId;
  for (const e of input.events) {
    const deed = BY_EVENT[e.kind];
    if (deed !== undefined) credit(e.actorId, deed, e.at);
    if (e.kind === 'lead_changed') {
      const lead = e.subjectId ?? e.actorId;
      credit(lead, lead === currentLead ? 'lead' : 'named lead', e.at);
    }
    if (e.kind === 'detected_set' && e.text === 'person' && e.subjectId !== null) {
      credit(e.subjectId, 'noticed', e.valueAt ?? e.at);
    }
  }
  // A lead set without a recorded hand-over (older data) still led from the declaration.
  if (currentLead !== null && !tallies.get(currentLead)?.counts.has('lead')) {
    credit(currentLead, 'lead', input.incident.declaredAt);
  }
  for (const [id, { first, count }] of messageTallies) {
    credit(id, 'message', first);
    // Crediting once per message, as the counts were taken, in the order people first posted.
    const counts = tallies.get(id)?.counts;
    counts?.set('message', (counts.get('message') ?? 0) + count - 1);
  }

  return [...tallies.entries()]
    .sort(([, a], [, b]) => a.first - b.first || a.order - b.order)
    .map(([id, tally]) => ({ name: input.people.get(id) ?? id, did: phrases(tally) }));
}

function phrases(tally: Tally): string[] {
  return DEEDS.filter(
    (deed) => tally.counts.has(deed) && !(deed === 'named lead' && tally.counts.has('lead')),
  ).map((deed) => PHRASES[deed](tally.counts.get(deed) ?? 0));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
