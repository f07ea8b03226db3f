import { describe, expect, it } from 'vitest';
import { actionIssue, channelLink, noMentions } from '../../src/domain/action-issue.ts';
import { anAction, people } from './builders.ts';

const ZWSP = '\u200B';

function issueFor(
  overrides: Parameters<typeof anAction>[0] = {},
  ownerName: string | null = 'Bob',
) {
  return actionIssue({
    action: anAction({ id: 12, ...overrides }),
    incidentTitle: 'Checkout returns 500s',
    severity: 'sev2',
    channelId: 'C0INC',
    ownerName,
    people,
  });
}

describe('actionIssue', () => {
  it('titles the issue after the action and labels it post-mortem', () => {
    const issue = issueFor();
    expect(issue.title).toBe('[post-mortem] Add a canary stage to the checkout deploy');
    expect(issue.labels).toEqual(['post-mortem']);
  });

  it('adds the priority as a label when there is one', () => {
    expect(issueFor({ priority: 'p1' }).labels).toEqual(['post-mortem', 'p1']);
  });

  it('writes the action, owner, due date, incident, a link back and the action id', () => {
    const { body } = issueFor({ priority: 'p2' });
    expect(body).toContain('> Add a canary stage to the checkout deploy');
    expect(body).toContain('**Owner (Slack):** Bob');
    expect(body).toContain('**Due:** 2026-12-05');
    expect(body).toContain('**Priority:** P2');
    expect(body).toContain('**Incident:** Checkout returns 500s (SEV2)');
    expect(body).toContain('https://slack.com/app_redirect?channel=C0INC');
    expect(body).toContain('action #12');
  });

  it('says when there is no owner or due date', () => {
    const { body } = issueFor({ ownerId: null, dueDate: null }, null);
    expect(body).toContain('**Owner (Slack):** _no owner yet_');
    expect(body).toContain('**Due:** _no due date_');
  });

  it('turns Slack markup into plain text and never mentions anyone on GitHub', () => {
    const issue = actionIssue({
      action: anAction({
        text: 'Ask <@U0ALICE> and <!subteam^S1|@db-team> about <https://x.example/a|the runbook> &amp; ping @octocat <!channel>',
      }),
      incidentTitle: 'DB down for <@U0BOB> &lt;eu&gt;',
      severity: 'sev1',
      channelId: 'C0INC',
      ownerName: '@carol',
      people,
    });
    const everything = `${issue.title}\n${issue.body}`;
    // Every @ is followed by a zero-width space: GitHub links no user or team.
    expect(everything).not.toMatch(new RegExp(`@(?!${ZWSP})`));
    expect(issue.title).toBe(
      `[post-mortem] Ask @${ZWSP}Alice and @${ZWSP}db-team about the runbook (https://x.example/a) & ping @${ZWSP}octocat @${ZWSP}channel`,
    );
    expect(issue.body).toContain(`**Incident:** DB down for @${ZWSP}Bob &lt;eu> (SEV1)`);
    expect(issue.body).toContain(`**Owner (Slack):** @${ZWSP}carol`);
    expect(issue.body).not.toContain('<@');
    expect(issue.body).not.toContain('&amp;');
  });

  it('keeps the action text in the title to 120 characters', () => {
    const issue = issueFor({ text: 'word '.repeat(60) });
    const text = issue.title.slice('[post-mortem] '.length);
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text.endsWith('…')).toBe(true);
  });

  it('keeps the line breaks of a long action inside the quote', () => {
    const { body } = issueFor({ text: 'First line\n\nSecond line' });
    expect(body).toContain('> First line\n>\n> Second line');
  });

  it('keeps raw HTML out of the body', () => {
    const { body } = issueFor({ text: '<details>hidden</details>' });
    expect(body).not.toContain('<details>');
  });
});

describe('channelLink', () => {
  it('goes through app_redirect without a workspace URL', () => {
    expect(channelLink('C123', null)).toBe('https://slack.com/app_redirect?channel=C123');
  });

  it('opens the channel in the workspace when its URL is known', () => {
    expect(channelLink('C123', 'https://acme.slack.com/')).toBe(
      'https://acme.slack.com/archives/C123',
    );
  });
});

describe('noMentions', () => {
  it('breaks every @', () => {
    expect(noMentions('@a b@c')).toBe(`@${ZWSP}a b@${ZWSP}c`);
  });
});
