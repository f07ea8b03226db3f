import { describe, expect, it } from 'vitest';
import { buildPostmortem } from '../../../src/domain/postmortem/model.ts';
import { aMessage, anAction, anIncident, at } from '../builders.ts';
import { checkoutIncident, writtenCheckoutIncident } from './fixture.ts';

describe('buildPostmortem', () => {
  it('resolves people to names', () => {
    const draft = buildPostmortem(checkoutIncident());
    expect(draft).toMatchObject({
      title: 'Checkout returns 500s',
      severity: 'sev2',
      status: 'resolved',
      reporter: 'Alice',
      lead: 'Bob',
      timeZone: 'UTC',
      generatedAt: at(15, 2, 5),
      declaredAt: at(14, 5),
      resolvedAt: at(15, 2),
    });
  });

  it('lists people who posted, in the order they first spoke, without bots or deleted posts', () => {
    const draft = buildPostmortem(
      checkoutIncident({
        messages: [
          aMessage({ postedAt: at(14, 20), userId: 'U0CAROL' }),
          aMessage({ postedAt: at(14, 10), userId: 'U0BOB' }),
          aMessage({ postedAt: at(14, 30), userId: 'U0BOB' }),
          aMessage({ postedAt: at(14, 5), userId: 'U0GONE', deleted: true }),
          aMessage({ postedAt: at(14, 6), userId: 'U0NEW' }),
          aMessage({ postedAt: at(14, 7), userId: null, isBot: true, botName: 'CI' }),
        ],
      }),
    );
    expect(draft.participants).toEqual(['U0NEW', 'Bob', 'Carol']);
  });

  it('leaves the lead empty when none was set', () => {
    const input = checkoutIncident();
    const draft = buildPostmortem({ ...input, incident: anIncident({ leadId: null }) });
    expect(draft.lead).toBeNull();
  });

  it('lists actions by id with owner names and plain text', () => {
    const draft = buildPostmortem(
      checkoutIncident({
        actions: [
          anAction({ id: 3, text: 'Tell <@U0ALICE> &amp; team', ownerId: 'U0NEW' }),
          anAction({ id: 1, ownerId: null, dueDate: null, status: 'done' }),
        ],
      }),
    );
    expect(draft.actions).toEqual([
      {
        id: 1,
        text: 'Add a canary stage to the checkout deploy',
        owner: null,
        due: null,
        status: 'done',
        kind: 'follow_up',
        priority: null,
        purpose: null,
      },
      {
        id: 3,
        text: 'Tell @Alice & team',
        owner: 'U0NEW',
        due: '2026-12-05',
        status: 'open',
        kind: 'follow_up',
        priority: null,
        purpose: null,
      },
    ]);
  });

  it('carries the metrics and the timeline', () => {
    const draft = buildPostmortem(checkoutIncident());
    expect(draft.metrics.detected.source).toBe('alert');
    expect(draft.metrics.ttmMs).toBe(at(14, 31, 20) - at(14, 1, 30));
    expect(draft.timeline[0]?.kind).toBe('alert_firing');
  });

  it('carries what the team wrote, the responders and the transcript', () => {
    const draft = buildPostmortem(writtenCheckoutIncident());
    expect(draft).toMatchObject({
      summary:
        'Checkout returned 500s for 29 minutes after the 4.2.0 deploy.\n' +
        'Rolling back to 4.1.9 & restarting the pods ended it.',
      impact: null,
      cause: '4.2.0 changed the default pool size to 2. Human error in the review let it through.',
      learnings: ['Config defaults need a canary too'],
    });
    expect(draft.responders.map((r) => r.name)).toEqual(['Alice', 'Bob', 'Carol']);
    expect(draft.transcript).toHaveLength(11);
    expect(draft.transcript.filter((l) => l.deleted)).toEqual([
      expect.objectContaining({ actor: 'Carol', text: '' }),
    ]);
  });

  it('looks for blame in the write-up first, then in what people said', () => {
    const input = writtenCheckoutIncident();
    const draft = buildPostmortem({
      ...input,
      timeZone: 'America/New_York',
      sections: [
        ...input.sections,
        {
          kind: 'learning',
          text: 'we dropped the ball on reviews',
          authorId: 'U0BOB',
          at: at(16, 0),
        },
      ],
      messages: [
        ...input.messages,
        aMessage({ postedAt: at(14, 50), userId: 'U0BOB', text: 'sloppy', deleted: true }),
        aMessage({ postedAt: at(14, 51), isBot: true, userId: null, text: 'human error' }),
      ],
    });
    expect(draft.blameless.map((f) => [f.where, f.phrase])).toEqual([
      ['Root cause', 'Human error'],
      ['Learning 2', 'dropped the ball'],
      ["Carol's message at 09:20:00 EST", 'Who pushed'],
    ]);
  });
});
