import { describe, expect, it } from 'vitest';
import { interpretMessageEvent, slackTsToMs } from '../../src/domain/message-event.ts';

const alertmanager = {
  type: 'message',
  subtype: 'bot_message',
  channel: 'C1',
  ts: '1763733720.000200',
  bot_id: 'B77',
  username: 'Alertmanager',
  text: '',
  attachments: [
    { color: 'danger', title: '[FIRING:1] HighErrorRate (checkout prod)', fallback: 'x' },
  ],
};

describe('slackTsToMs', () => {
  it('converts without float rounding and rejects junk', () => {
    expect(slackTsToMs('1763733720.000200')).toBe(1763733720000);
    expect(slackTsToMs('1763733720.999999')).toBe(1763733720999);
    expect(slackTsToMs('1763733720.5')).toBe(1763733720500);
    expect(slackTsToMs('')).toBeNull();
    expect(slackTsToMs('abc')).toBeNull();
  });
});

describe('interpretMessageEvent', () => {
  it('records a person with thread parent and no bot flag', () => {
    const change = interpretMessageEvent({
      type: 'message',
      channel: 'C1',
      user: 'U1',
      text: 'looking',
      ts: '1763733730.000100',
      thread_ts: '1763733720.000200',
    });
    expect(change).toMatchObject({
      kind: 'posted',
      message: {
        userId: 'U1',
        isBot: false,
        threadTs: '1763733720.000200',
        postedAt: 1763733730000,
      },
    });
  });

  it('treats a thread parent as top-level (thread_ts equal to ts)', () => {
    const change = interpretMessageEvent({
      channel: 'C1',
      user: 'U1',
      text: 'p',
      ts: '1.000001',
      thread_ts: '1.000001',
    });
    expect(change.kind === 'posted' && change.message.threadTs).toBeNull();
  });

  it('detects a modern app bot by bot_id even without a subtype', () => {
    const change = interpretMessageEvent({
      channel: 'C1',
      ts: '1763733720.000300',
      bot_id: 'B9',
      bot_profile: { name: 'Grafana' },
      text: 'panel rendered',
    });
    expect(change).toMatchObject({ kind: 'posted', message: { isBot: true, botName: 'Grafana' } });
  });

  it('turns an attachment-only Alertmanager post into a firing alert with readable text', () => {
    const change = interpretMessageEvent(alertmanager);
    expect(change).toMatchObject({
      kind: 'posted',
      message: {
        botName: 'Alertmanager',
        text: '[FIRING:1] HighErrorRate (checkout prod)',
        alert: { state: 'firing' },
      },
    });
  });

  it('applies an edit as the new full message and keeps the fact it was edited', () => {
    const change = interpretMessageEvent({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C1',
      ts: '1763733800.000000',
      message: {
        user: 'U1',
        text: 'fixed typo',
        ts: '1763733730.000100',
        edited: { user: 'U1', ts: '1763733790.000000' },
      },
      previous_message: { user: 'U1', text: 'fixd typo', ts: '1763733730.000100' },
    });
    expect(change).toMatchObject({
      kind: 'edited',
      message: { ts: '1763733730.000100', text: 'fixed typo', editedAt: 1763733790000 },
    });
  });

  it('does not call an unfurl an edit', () => {
    const change = interpretMessageEvent({
      subtype: 'message_changed',
      channel: 'C1',
      ts: '1763733800.000000',
      message: { user: 'U1', text: 'see https://x', ts: '1763733730.000100' },
    });
    expect(change.kind === 'edited' && change.message.editedAt).toBeNull();
  });

  it('lets an alert tool resolve its alert by editing it in place', () => {
    const change = interpretMessageEvent({
      subtype: 'message_changed',
      channel: 'C1',
      ts: '1763734000.000000',
      message: {
        ...alertmanager,
        attachments: [{ color: 'good', title: '[RESOLVED] HighErrorRate (checkout prod)' }],
      },
    });
    expect(change).toMatchObject({ kind: 'edited', message: { alert: { state: 'resolved' } } });
  });

  it('turns a delete into a deletion mark at the time it happened', () => {
    expect(
      interpretMessageEvent({
        subtype: 'message_deleted',
        channel: 'C1',
        ts: '1763733900.000000',
        deleted_ts: '1763733730.000100',
      }),
    ).toEqual({ kind: 'deleted', channelId: 'C1', ts: '1763733730.000100', at: 1763733900000 });
  });

  it('ignores malformed events instead of throwing', () => {
    expect(interpretMessageEvent({ channel: 'C1', text: 'no ts' }).kind).toBe('ignored');
    expect(interpretMessageEvent({ text: 'no channel', ts: '1.1' }).kind).toBe('ignored');
    expect(interpretMessageEvent({ channel: 'C1', subtype: 'message_changed' }).kind).toBe(
      'ignored',
    );
    expect(interpretMessageEvent({ channel: 'C1', subtype: 'message_deleted' }).kind).toBe(
      'ignored',
    );
  });
});
