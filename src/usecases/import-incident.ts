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
import type { Store } from '../store/index.ts';
import { applyMessageChange } from './apply-message-change.ts';

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
 * Stores a whole incident read from a Slack export in ONE transaction: the incident, resolved,
 * its state changes at the times the messages show, every message through the same
 * applyMessageChange as live events, and the people it names. A message already recorded
 * (the same window imported before, or recorded live) refuses the whole import.
 */
export function importIncident(store: Store, request: ImportRequest, now: number): ImportOutcome {
  return store.transaction((): ImportOutcome => {
    const held = alreadyHeld(store, request);
    if (held !== null) return { refused: held };
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
    let incident = store.incidents.insert(declared.incident);
    const record = (step: Transition) => {
      incident = step.incident;
      store.incidents.addEvent({ ...step.event, actorId: actor, incidentId: incident.id });
    };
    record({ incident, event: declared.event });
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
    store.incidents.update(incident);

    for (const item of request.messages) {
      for (const change of item.changes) applyMessageChange(store, incident.id, change, now);
    }
    storeNamedPeople(store, request, incident, now);
    return { incidentId: incident.id };
  });
}

function alreadyHeld(store: Store, request: ImportRequest): string | null {
  const holders = new Map<number, number>();
  for (const { message } of request.messages) {
    const found = store.messages.find(message.channelId, message.ts);
    if (found) holders.set(found.incidentId, (holders.get(found.incidentId) ?? 0) + 1);
  }
  const [first] = [...holders.entries()].sort((a, b) => b[1] - a[1]);
  if (first === undefined) return null;
  const [id, count] = first;
  const holder = store.incidents.get(id);
  const what = holder ? `incident ${id} ("${holder.title}")` : `incident ${id}`;
  return (
    `#${request.channel.name} is already in the database for this window: ${what} holds ` +
    `${count} of its ${request.messages.length} messages. See it with \`scribe export ${id}\`, ` +
    'or import a window that does not overlap.'
  );
}

/** Names for everyone the draft mentions; profiles the bot already fetched are kept. */
function storeNamedPeople(store: Store, request: ImportRequest, incident: Incident, now: number) {
  const mentioned = new Set<string>([incident.reporterId]);
  for (const { message } of request.messages) {
    if (message.userId) mentioned.add(message.userId);
    for (const m of message.text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)) {
      if (m[1]) mentioned.add(m[1]);
    }
  }
  const unknown = new Set(store.people.unknown([...mentioned, IMPORT_ACTOR.id]));
  for (const person of [IMPORT_ACTOR, ...request.people]) {
    if (unknown.has(person.id)) store.people.upsert(person, now);
  }
}
