import { describe, expect, it } from 'vitest';
import { buildResponders } from '../../../src/domain/postmortem/responders.ts';
import type { IncidentEvent, RecordedMessage } from '../../../src/domain/types.ts';
import { aMessage, anEvent, anIncident, at, people } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

function responders(
  events: IncidentEvent[],
  messages: RecordedMessage[],
  leadId: string | null = null,
) {
  return buildResponders({ incident: anIncident({ leadId }), events, messages, people });
}

describe('buildResponders', () => {
  it('says who did what in the checkout incident', () => {
    expect(buildResponders(checkoutIncident())).toEqual([
      { name: 'Alice', did: ['declared the incident', '2 messages'] },
      {
        name: 'Bob',
        did: [
          'lead',
          'posted 1 status update',
          'marked mitigated',
          'resolved',
          'added 1 action item',
          '2 messages',
        ],
      },
      { name: 'Carol', did: ['2 messages'] },
    ]);
  });

  it('counts repeated deeds and uses plurals', () => {
    const result = responders(
      [
        anEvent({ kind: 'status_update', at: at(14, 10), actorId: 'U0BOB' }),
        anEvent({ kind: 'status_update', at: at(14, 20), actorId: 'U0BOB' }),
        anEvent({ kind: 'action_added', at: at(14, 30), actorId: 'U0BOB' }),
        anEvent({ kind: 'action_added', at: at(14, 31), actorId: 'U0BOB' }),
      ],
      [aMessage({ userId: 'U0BOB' })],
    );
    expect(result).toEqual([
      { name: 'Bob', did: ['posted 2 status updates', 'added 2 action items', '1 message'] },
    ]);
  });

  it('calls a replaced lead "named lead" and the current one "lead"', () => {
    const result = responders(
      [
        anEvent({ kind: 'lead_changed', at: at(14, 6), subjectId: 'U0BOB' }),
        anEvent({ kind: 'lead_changed', at: at(14, 20), subjectId: 'U0CAROL' }),
      ],
      [],
      'U0CAROL',
    );
    expect(result).toEqual([
      { name: 'Bob', did: ['named lead'] },
      { name: 'Carol', did: ['lead'] },
    ]);
  });

  it('still names a lead whose hand-over was not recorded', () => {
    expect(responders([], [], 'U0BOB')).toEqual([{ name: 'Bob', did: ['lead'] }]);
  });

  it('orders people by their first activity and leaves out bots and deleted messages', () => {
    const result = responders(
      [anEvent({ kind: 'mitigated', at: at(14, 30), actorId: 'U0ALICE' })],
      [
        aMessage({ postedAt: at(14, 20), userId: 'U0CAROL' }),
        aMessage({ postedAt: at(14, 10), userId: 'U0BOB', deleted: true }),
        aMessage({ postedAt: at(14, 40), userId: 'U0BOB' }),
        aMessage({ postedAt: at(14, 1), userId: null, isBot: true, botName: 'CI' }),
        aMessage({ postedAt: at(14, 2), userId: 'U0NEW' }),
      ],
    );
    expect(result.map((r) => [r.name, ...r.did])).toEqual([
      ['U0NEW', '1 message'],
      ['Carol', '1 message'],
      ['Alice', 'marked mitigated'],
      ['Bob', '1 message'],
    ]);
  });

  it('credits notes, severity changes, time corrections and who noticed it', () => {
    const result = responders(
      [
        anEvent({ kind: 'note', at: at(14, 10), actorId: 'U0ALICE' }),
        anEvent({ kind: 'severity_changed', at: at(14, 11), actorId: 'U0ALICE', text: 'sev1' }),
        anEvent({
          kind: 'detected_set',
          at: at(14, 12),
          actorId: 'U0ALICE',
          text: 'person',
          subjectId: 'U0CAROL',
          valueAt: at(13, 50),
        }),
      ],
      [],
    );
    expect(result).toEqual([
      { name: 'Carol', did: ['noticed it first'] },
      {
        name: 'Alice',
        did: ['changed the severity', 'corrected the incident times', 'added 1 note'],
      },
    ]);
  });
});
