// Builders shared by the incident-side contract tests (incidents, messages, marks, sections,
// webhook alerts): the message changes the record paths store, and a declaring decision.
import { declareIncident, type Refusal, type Transition } from '../../../src/domain/incident.ts';
import type { Incident, RecordedMessage } from '../../../src/domain/types.ts';
import type { StorableChange } from '../../../src/usecases/ports.ts';
import { aMessage, at } from '../../domain/builders.ts';

type Change<K extends StorableChange['kind']> = Extract<StorableChange, { kind: K }>;

/** A new message; `moreRaw` adds fields of Slack's object the store reads (`reply_count`). */
export function posted(
  ts: string,
  overrides: Partial<RecordedMessage> = {},
  moreRaw: Record<string, unknown> = {},
): Change<'posted'> {
  const message = aMessage({ channelId: 'C0INC', ts, ...overrides });
  return { kind: 'posted', message, raw: { ts, text: message.text, ...moreRaw } };
}

export function edited(
  ts: string,
  text: string,
  when: number,
  overrides: Partial<RecordedMessage> = {},
): Change<'edited'> {
  const message = aMessage({ channelId: 'C0INC', ts, text, editedAt: when, ...overrides });
  return { kind: 'edited', message, raw: { ts, text }, at: when };
}

export function deleted(ts: string, when: number, channelId = 'C0INC'): Change<'deleted'> {
  return { kind: 'deleted', channelId, ts, at: when };
}

/** What `/incident start` decides: a new incident in `channelId`, refused while one is open. */
export function declaring(channelId: string, title = 'Checkout returns 500s') {
  return (open: Incident | null): Transition | Refusal =>
    declareIncident(
      open,
      { channelId, channelName: 'inc-checkout', title, severity: 'sev2', reporterId: 'U0ALICE' },
      at(14, 5),
    );
}
