import { describe, expect, it } from 'vitest';
import { genericRecogniser, isCodeHostPost } from '../../../src/domain/alerts/generic.ts';
import { parseAlert } from '../../../src/domain/alerts/index.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';

// GitHub's integration colours posts by event kind: green for pushes and opened pull requests,
// red for closed ones. None of them says anything about the health of a service.

const legacyPush = (color: string, commit: string): SlackMessageLike => ({
  subtype: 'bot_message',
  bot_id: 'B0GITHUB',
  text: '',
  attachments: [
    {
      color,
      pretext:
        '[checkout:main] <https://github.com/example/checkout/compare/1a2b3c...4d5e6f|2 new commits> pushed by bob',
      text: `<https://github.com/example/checkout/commit/4d5e6f|4d5e6f> ${commit} - bob`,
      fallback: '[checkout:main] 2 new commits pushed by bob',
    },
  ],
});

const app = (color: string, title: string): SlackMessageLike => ({
  bot_id: 'B0GHAPP',
  bot_profile: { name: 'GitHub' },
  attachments: [{ color, title, title_link: 'https://github.com/example/checkout/pull/42' }],
});

describe('posts from code hosts', () => {
  it('never reads a green push as a resolved alert, whatever the commit says', () => {
    expect(parseAlert(legacyPush('#36a64f', 'Release v2.3'))).toBeNull();
    expect(parseAlert(legacyPush('good', 'Fix retries resolved twice'))).toBeNull();
    expect(parseAlert(legacyPush('danger', 'Alert firing on every deploy'))).toBeNull();
  });

  it('never reads a pull request opened (green) or closed (red) as an alert', () => {
    expect(parseAlert(app('#2cbe4e', '#42 Roll back checkout v2.3'))).toBeNull();
    expect(parseAlert(app('#cb2431', '#42 Roll back checkout v2.3'))).toBeNull();
  });

  it('knows a code host by its name or by the event it links to', () => {
    expect(isCodeHostPost(legacyPush('good', 'x'))).toBe(true);
    expect(isCodeHostPost({ bot_id: 'B1', username: 'GitLab', text: 'Pipeline #9 passed' })).toBe(
      true,
    );
    const runbook: SlackMessageLike = {
      bot_id: 'B0MON',
      bot_profile: { name: 'Status Checks' },
      attachments: [
        {
          color: 'danger',
          title: 'FIRING: checkout-latency',
          text: 'Runbook: <https://github.com/example/runbooks/blob/main/checkout.md|checkout.md>',
        },
      ],
    };
    expect(isCodeHostPost(runbook)).toBe(false);
    expect(parseAlert(runbook)?.state).toBe('firing');
  });

  it('needs state words, not colour alone, when an unknown bot reports code activity', () => {
    const ci = (color: string, title: string): SlackMessageLike => ({
      bot_id: 'B0CI',
      bot_profile: { name: 'Builds' },
      attachments: [{ color, title }],
    });
    expect(genericRecogniser.recognise(ci('good', 'Build 512 passed on main'))).toBeNull();
    expect(genericRecogniser.recognise(ci('danger', 'Deploy of checkout v2.3 failed'))).toBeNull();
    expect(genericRecogniser.recognise(ci('danger', 'Checkout'))?.state).toBe('firing');
    expect(genericRecogniser.recognise(ci('good', 'RESOLVED: deploy checks'))?.state).toBe(
      'resolved',
    );
  });
});
