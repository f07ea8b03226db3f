import { describe, expect, it } from 'vitest';
import { blockTexts, buttonLabels } from '../../../src/domain/alerts/blocks.ts';
import {
  colourState,
  labelValue,
  messageTexts,
  titleOf,
  toolOf,
  toPlain,
} from '../../../src/domain/alerts/shared.ts';
import { attachmentTime, statedTime } from '../../../src/domain/alerts/time.ts';

describe('toPlain', () => {
  it('decodes entities and keeps only link labels', () => {
    expect(toPlain('p99 &gt; 2s &amp; <https://x.example/a?b=1&amp;c=2|dash &lt;1&gt;>')).toBe(
      'p99 > 2s & dash <1>',
    );
    expect(toPlain('see <https://x.example>')).toBe('see https://x.example');
  });
});

describe('titleOf', () => {
  it('is one plain line of at most 150 characters', () => {
    const title = titleOf({ text: `*Disk &lt; 5%* <https://x|db-1>\nmore\n${'x'.repeat(200)}` });
    expect(title).toBe('Disk < 5% db-1');
    expect(titleOf({ attachments: [{ title: 'y'.repeat(300) }] })).toHaveLength(150);
  });
});

describe('toolOf', () => {
  it('knows tools by poster name, then by footer or title link', () => {
    expect(toolOf({ username: 'PagerDuty', bot_profile: { name: 'Webhooks' } })).toBe('pagerduty');
    expect(toolOf({ bot_profile: { name: 'Better Uptime' } })).toBe('betterstack');
    expect(toolOf({ bot_profile: { name: 'aws' } })).toBe('cloudwatch');
    expect(toolOf({ bot_profile: { name: 'awsome-bot' } })).toBeNull();
    expect(toolOf({ attachments: [{ footer: 'Grafana v11.0.0' }] })).toBe('grafana');
    expect(toolOf({ attachments: [{ title_link: 'https://app.datadoghq.eu/monitors/1' }] })).toBe(
      'datadog',
    );
    expect(toolOf({ username: 'deploys' })).toBeNull();
  });
});

describe('message text', () => {
  it('reads attachment fields even with a missing half', () => {
    const texts = messageTexts({
      attachments: [
        {
          fields: [
            { title: 'Duration', value: '00:02:03' },
            { title: 'Title without value', value: null },
            { title: null, value: 'Value without title' },
            { title: null, value: null },
          ],
        },
      ],
    });
    expect(texts).toEqual(['Duration: 00:02:03', 'Title without value', 'Value without title']);
  });

  it('reads header, section, context and rich text blocks but not buttons', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Header' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Body' }, fields: [{ text: 'Field' }] },
      { type: 'context', elements: [{ type: 'image' }, { type: 'mrkdwn', text: 'Context' }] },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'emoji', name: 'fire' },
              { type: 'text', text: ' Rich ' },
              { type: 'link', url: 'https://x.example' },
            ],
          },
          { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [] }] },
        ],
      },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Resolve' } }],
      },
      null,
      'junk',
    ];
    expect(blockTexts(blocks)).toEqual([
      'Header',
      'Body',
      'Field',
      'Context',
      ':fire: Rich https://x.example',
    ]);
    expect(buttonLabels(blocks)).toEqual(['Resolve']);
  });
});

describe('labelValue', () => {
  it('finds a label in the forms tools print', () => {
    expect(labelValue(['• *severity:* `critical`'], 'severity')).toBe('critical');
    expect(labelValue(['*Priority:*\nP1'], 'priority')).toBe('P1');
    expect(labelValue([' - severity = warning'], 'severity')).toBe('warning');
    expect(labelValue(['max_severity: high'], 'severity')).toBeNull();
  });
});

describe('colourState', () => {
  it('reads Slack colour names and red or green hues', () => {
    expect(colourState('danger')).toBe('firing');
    expect(colourState('#D63232')).toBe('firing');
    expect(colourState('good')).toBe('resolved');
    expect(colourState('#36a64f')).toBe('resolved');
    expect(colourState('warning')).toBeNull();
    expect(colourState(undefined)).toBeNull();
  });
});

describe('statedTime', () => {
  const at = Date.UTC(2026, 10, 21, 13, 51);
  it('reads the start times tools print, and only with a zone', () => {
    expect(statedTime(['*Started:* 2026-11-21T13:51:00Z'])).toBe(at);
    expect(statedTime(['Started at: 2026-11-21T15:51:00+02:00'])).toBe(at);
    expect(statedTime(['Triggered at: 2026-11-21 13:51:00 UTC'])).toBe(at);
    expect(statedTime(['Since <!date^1795269060^{time}|13:51>'])).toBe(at);
    expect(statedTime(['since: 1795269060000'])).toBe(at);
    expect(statedTime(['Started: 2026-11-21 13:51:00'])).toBeNull();
    expect(statedTime(['Started: 2026-11-31T13:51:00Z'])).toBeNull();
    expect(statedTime(['Ended: 2026-11-21T13:51:00Z'])).toBeNull();
    expect(statedTime(['down since 5 minutes', 'started 2026-11-21T13:51:00Z'])).toBe(at);
  });

  it('reads an attachment ts in seconds', () => {
    expect(attachmentTime({ attachments: [{ ts: 1795269060 }] })).toBe(at);
    expect(attachmentTime({ attachments: [{ ts: '1795269060.5' }] })).toBe(at + 500);
    expect(attachmentTime({ attachments: [{ ts: 'soon' }] })).toBeNull();
  });
});
