import {
  addNote,
  declareIncident,
  isRefusal,
  mitigate,
  resolve,
  setDetected,
  type Transition,
} from '../domain/incident.ts';
import type { MessageChange } from '../domain/message-event.ts';
import {
  IMPORT_ACTOR_ID,
  type Incident,
  type Person,
  type RecordedMessage,
} from '../domain/types.ts';
import type { Store } from './store-port.ts';
import type { HeldWindow, NewEvent } from './store-records.ts';

/** Who did what nobody did with a command: the drafts name it, so readers know why. */
export const IMPORT_ACTOR: Person = { id: IMPORT_ACTOR_ID, name: 'scribe import', tz: null };

/** A message and the changes that record it, as interpretMessageEvent read them. */
export interface MessageToImport {
  message: RecordedMessage;
  changes: ReadonlyArray<Exclude<MessageChange, { kind: 'ignored' }>>;
}

/** The incident's points in time, read from the messages since nobody ran a command. */
export interface ImportedTimes {
  /** The first message by a person (the report), else the window's first message. */
  declaredAt: number;
  reporterId: string | null;
  /** No alert fired before the report: the reporter noticed it. */
  detectedByReporter: boolean;
  /** When the last alert that fired in the window resolved, if every one of them did. */
  mitigatedAt: number | null;
  mitigation: string | null;
  /** The window's last message (or alert change). */
  resolvedAt: number;
}

export interface ImportRequest {
  channel: { id: string; name: string };
  title: string;
  /** The window's messages, oldest first; at least one. */
  messages: readonly MessageToImport[];
  times: ImportedTimes;
  /** Everyone the export names; only those the store does not know yet are added. */
  people: readonly Person[];
  /** Said once in the timeline: where the incident came from and how its times were read. */
  provenance: string;
}

export type ImportOutcome = { incidentId: number } | { refused: string };

/**
 * Stores a whole incident read from a Slack export in ONE store step: the incident, resolved,
 * its state changes at the times the messages show, every message through the same write path
 * as live events, and the people it names. A message already recorded (the same window imported
 * before, or recorded live) refuses the whole import.
 */
export async function importIncident(
  store: Store,
  request: ImportRequest,
  now: number,
): Promise<ImportOutcome> {
  const { times: at, channel } = request;
  const actor = IMPORT_ACTOR.id;
  const declared = declareIncident(
    null,
    {
      channelId: channel.id,
      channelName: channel.name.toLowerCase(),
      title: request.title,
      severity: null,
      reporterId: at.reporterId ?? actor,
    },
    at.declaredAt,
  );
  if (isRefusal(declared)) return declared;
  // The states and events are decided here, before the store is asked for anything.
  let incident = declared.incident;
  const events: NewEvent[] = [];
  const record = (step: Transition) => {
    incident = step.incident;
    events.push({ ...step.event, actorId: actor });
  };
  record(declared);
  record(addNote(incident, request.provenance, actor, at.declaredAt));
  if (at.detectedByReporter && at.reporterId !== null) {
    const claim = { at: at.declaredAt, source: 'person' as const, personId: at.reporterId };
    record(setDetected(incident, claim, actor, at.declaredAt));
  }
  if (at.mitigatedAt !== null) {
    const step = mitigate(incident, at.mitigation, actor, at.mitigatedAt);
    if (!isRefusal(step)) record(step);
  }
  record(resolve(incident, 'the last message of the imported window', actor, at.resolvedAt));

  const stored = await store.incidents.importWhole(
    {
      incident,
      events,
      messageKeys: request.messages.map(({ message }) => message),
      changes: request.messages.flatMap((item) => item.changes),
      people: namedPeople(request, incident),
    },
    now,
  );
  if ('heldBy' in stored) return { refused: alreadyHeld(request, stored.heldBy) };
  return stored;
}

function alreadyHeld(request: ImportRequest, held: HeldWindow): string {
  const { incidentId: id, count, title } = held;
  const what = title !== null ? `incident ${id} ("${title}")` : `incident ${id}`;
  return (
    `#${request.channel.name} is already in the database for this window: ${what} holds ` +
    `${count} of its ${request.messages.length} messages. See it with \`scribe export ${id}\`, ` +
    'or import a window that does not overlap.'
  );
}

/** Names for everyone the draft mentions; the store keeps profiles the bot already fetched. */
function namedPeople(request: ImportRequest, incident: Incident): Person[] {
  const mentioned = new Set<string>([incident.reporterId, IMPORT_ACTOR.id]);
  for (const { message } of request.messages) {
    if (message.userId) mentioned.add(message.userId);
    for (const m of message.text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)) {
      if (m[1]) mentioned.add(m[1]);
    }
  }
  return [IMPORT_ACTOR, ...request.people].filter((person) => mentioned.has(person.id));
}
