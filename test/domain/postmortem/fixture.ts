import type { PostmortemInput } from '../../../src/domain/postmortem/model.ts';
import type { FilledSection } from '../../../src/domain/types.ts';
import {
  aMessage,
  anAction,
  anAlert,
  anEvent,
  anIncident,
  at,
  occurrencesOf,
  people,
} from '../builders.ts';

const askRollback = aMessage({ postedAt: at(14, 10), text: 'should we roll back?' });

/** What the team wrote with /incident summary|cause|learning; the impact is left to fill. */
export const checkoutSections: FilledSection[] = [
  {
    kind: 'summary',
    text: 'Checkout failed',
    authorId: 'U0ALICE',
    at: at(14, 50),
  },
  {
    kind: 'summary',
    text:
      'Checkout returned 500s for 29 minutes after the 4.2.0 deploy.\n' +
      'Rolling back to 4.1.9 &amp; restarting the pods ended it.',
    authorId: 'U0BOB',
    at: at(15, 5),
  },
  {
    kind: 'cause',
    text: '4.2.0 changed the default pool size to 2. Human error in the review let it through.',
    authorId: 'U0BOB',
    at: at(15, 6),
  },
  {
    kind: 'learning',
    text: 'Config defaults need a canary too',
    authorId: 'U0CAROL',
    at: at(15, 7),
  },
];

/**
 * The same incident once the team has written part of the post-mortem, with a remark that
 * reads as blame.
 */
export function writtenCheckoutIncident(): PostmortemInput {
  const { messages } = checkoutIncident();
  return checkoutIncident({
    sections: checkoutSections,
    messages: [
      ...messages,
      aMessage({
        postedAt: at(14, 20),
        userId: 'U0CAROL',
        text: 'rollback is out. Who pushed 4.2.0 on a Friday without a canary?',
      }),
    ],
  });
}

/** A small but complete incident: alert, declaration, chatter, a thread, a fix, actions. */
export function checkoutIncident(overrides: Partial<PostmortemInput> = {}): PostmortemInput {
  const input = {
    incident: anIncident({
      status: 'resolved',
      leadId: 'U0BOB',
      declaredAt: at(14, 5),
      mitigatedAt: at(14, 31, 20),
      resolvedAt: at(15, 2),
    }),
    events: [
      anEvent({ kind: 'declared', at: at(14, 5), text: 'Checkout returns 500s' }),
      anEvent({ kind: 'lead_changed', at: at(14, 6), subjectId: 'U0BOB' }),
      anEvent({
        kind: 'status_update',
        at: at(14, 15),
        actorId: 'U0BOB',
        text: 'Rolling back checkout to 4.1.9 &amp; watching errors',
      }),
      anEvent({
        kind: 'mitigated',
        at: at(14, 31, 20),
        actorId: 'U0BOB',
        text: 'rollback complete, error rate back to baseline',
      }),
      anEvent({
        kind: 'action_added',
        at: at(14, 40),
        actorId: 'U0BOB',
        text: 'Add a canary stage to the checkout deploy',
        subjectId: 'U0CAROL',
      }),
      anEvent({ kind: 'resolved', at: at(15, 2), actorId: 'U0BOB' }),
    ],
    messages: [
      anAlert(
        { state: 'firing', title: '[FIRING:1] HighErrorRate (checkout prod)' },
        { postedAt: at(14, 1, 30) },
      ),
      aMessage({
        postedAt: at(14, 5, 30),
        text: '<!here> checkout is throwing 500s, declared sev2',
      }),
      aMessage({
        postedAt: at(14, 7),
        userId: 'U0BOB',
        text: 'looking at <https://grafana.example/d/checkout|the checkout dashboard>',
      }),
      aMessage({
        postedAt: at(14, 7, 40),
        userId: 'U0BOB',
        text: 'errors started right after the 4.2.0 deploy',
      }),
      askRollback,
      aMessage({
        postedAt: at(14, 11),
        threadTs: askRollback.ts,
        userId: 'U0CAROL',
        text: 'yes, <@U0BOB> go ahead',
      }),
      aMessage({
        postedAt: at(14, 16),
        userId: null,
        isBot: true,
        botId: 'B0DEPLOY',
        botName: 'Deploy Bot',
        text: 'Rollback of checkout to 4.1.9 started (deploy #8812)',
      }),
      anAlert(
        { state: 'resolved', title: '[RESOLVED] HighErrorRate (checkout prod)' },
        { postedAt: at(14, 33) },
      ),
      aMessage({
        postedAt: at(14, 35),
        userId: 'U0CAROL',
        text: 'the 4.2.0 config had a | in the pool size &lt;details&gt; attached',
        editedAt: at(14, 36),
      }),
      aMessage({
        postedAt: at(14, 37),
        userId: 'U0CAROL',
        text: 'oops wrong channel',
        deleted: true,
      }),
    ],
    actions: [
      anAction({
        id: 2,
        text: 'Alert on error budget | burn rate',
        ownerId: null,
        dueDate: null,
        status: 'done',
      }),
      anAction({ id: 1, ownerId: 'U0CAROL' }),
    ],
    people,
    timeZone: 'UTC',
    generatedAt: at(15, 2, 5),
    ...overrides,
  };
  return {
    ...input,
    alerts: overrides.alerts ?? occurrencesOf(input.messages),
    sections: overrides.sections ?? [],
  };
}
