import type {
  ActionItem,
  AlertOccurrence,
  AlertSignal,
  Incident,
  IncidentEvent,
  PeopleDirectory,
  RecordedMessage,
} from '../../src/domain/types.ts';

/** Wall-clock time on the fixed test day, 2026-11-21, in UTC. */
export function at(hours: number, minutes: number, seconds = 0): number {
  return Date.UTC(2026, 10, 21, hours, minutes, seconds);
}

export const people: PeopleDirectory = new Map([
  ['U0ALICE', 'Alice'],
  ['U0BOB', 'Bob'],
  ['U0CAROL', 'Carol'],
]);

export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    channelId: 'C0INC',
    channelName: 'inc-checkout',
    title: 'Checkout returns 500s',
    severity: 'sev2',
    status: 'declared',
    reporterId: 'U0ALICE',
    leadId: null,
    declaredAt: at(14, 5),
    mitigatedAt: null,
    resolvedAt: null,
    ...overrides,
  };
}

/** Slack-style ts derived from the posting time, so messages get distinct ids by default. */
export function tsOf(postedAt: number): string {
  return `${Math.floor(postedAt / 1000)}.${String(postedAt % 1000).padStart(3, '0')}100`;
}

export function aMessage(overrides: Partial<RecordedMessage> = {}): RecordedMessage {
  const postedAt = overrides.postedAt ?? at(14, 10);
  return {
    channelId: 'C0INC',
    ts: tsOf(postedAt),
    threadTs: null,
    postedAt,
    userId: 'U0ALICE',
    botId: null,
    botName: null,
    isBot: false,
    subtype: null,
    text: 'looking into it',
    editedAt: null,
    deleted: false,
    alert: null,
    key: false,
    ...overrides,
  };
}

/** A full alert signal; tests name only what they care about. */
export function aSignal(
  overrides: Partial<AlertSignal> & Pick<AlertSignal, 'state' | 'title'>,
): AlertSignal {
  return {
    source: 'alertmanager',
    name: overrides.title.replace(/^\[[^\]]*\]\s*/, ''),
    severity: null,
    firedAt: null,
    ...overrides,
  };
}

/** What the store derives from alert messages: one occurrence per message, at its time. */
export function occurrencesOf(messages: readonly RecordedMessage[]): AlertOccurrence[] {
  return messages
    .filter((m) => m.alert !== null && !m.deleted)
    .map((m) => ({
      at: m.postedAt,
      alert: m.alert as AlertSignal,
      origin: 'message',
      messageTs: m.ts,
    }));
}

export function anOccurrence(
  alert: Partial<AlertSignal> & Pick<AlertSignal, 'state' | 'title'>,
  atMs: number,
  origin: AlertOccurrence['origin'] = 'message',
): AlertOccurrence {
  return {
    at: atMs,
    alert: aSignal(alert),
    origin,
    messageTs: origin === 'message' ? tsOf(atMs) : null,
  };
}

export function anAlert(
  partial: Partial<AlertSignal> & Pick<AlertSignal, 'state' | 'title'>,
  overrides: Partial<RecordedMessage> = {},
): RecordedMessage {
  return aMessage({
    userId: null,
    botId: 'B0ALERTS',
    botName: 'Alertmanager',
    isBot: true,
    subtype: 'bot_message',
    text: '',
    alert: aSignal(partial),
    ...overrides,
  });
}

export function anEvent(overrides: Partial<IncidentEvent> = {}): IncidentEvent {
  return {
    incidentId: 1,
    kind: 'declared',
    at: at(14, 5),
    actorId: 'U0ALICE',
    text: null,
    subjectId: null,
    valueAt: null,
    ...overrides,
  };
}

export function anAction(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 1,
    incidentId: 1,
    text: 'Add a canary stage to the checkout deploy',
    ownerId: 'U0BOB',
    dueDate: '2026-12-05',
    createdBy: 'U0ALICE',
    createdAt: at(15, 0),
    status: 'open',
    kind: 'follow_up',
    priority: null,
    closedAt: null,
    closedBy: null,
    dropReason: null,
    sourceTs: null,
    ...overrides,
  };
}
