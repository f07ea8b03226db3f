import { describe, expect, it } from 'vitest';
import { chooseChannel } from '../../../src/domain/webhooks/channel.ts';
import { webhookAlert } from './alert.ts';

const hinted = (...hints: (string | null)[]) => hints.map((h) => webhookAlert({ channelHint: h }));

describe('chooseChannel', () => {
  it('lets the query win, even over alerts that disagree', () => {
    const payload = { alerts: hinted('CA1', 'CB2'), channelHint: 'CC3' };
    expect(chooseChannel('CQ1', payload)).toEqual({ ok: true, channelId: 'CQ1' });
  });

  it('uses the payload hint, or the hint all alerts agree on', () => {
    expect(chooseChannel(null, { alerts: hinted(null), channelHint: 'C01' })).toEqual({
      ok: true,
      channelId: 'C01',
    });
    expect(chooseChannel(null, { alerts: hinted('G01', 'G01'), channelHint: null })).toEqual({
      ok: true,
      channelId: 'G01',
    });
  });

  it('lets alerts that name no channel go with those that do', () => {
    expect(chooseChannel(null, { alerts: hinted(null, 'C01'), channelHint: null })).toEqual({
      ok: true,
      channelId: 'C01',
    });
  });

  it('refuses alerts that name different channels', () => {
    const choice = chooseChannel(null, { alerts: hinted('C01', 'C02'), channelHint: null });
    expect(choice).toEqual({
      ok: false,
      error:
        'the alerts name different channels (C01, C02): send them separately or add ' +
        '?channel=C… to the webhook URL',
    });
    expect(chooseChannel(null, { alerts: hinted('C01'), channelHint: 'C02' }).ok).toBe(false);
  });

  it('explains both ways to name a channel when none is given', () => {
    const choice = chooseChannel(null, { alerts: hinted(null), channelHint: null });
    expect(choice.ok).toBe(false);
    if (!choice.ok) {
      expect(choice.error).toMatch(/\?channel=C…/);
      expect(choice.error).toMatch(/slack_channel or channel label/);
      expect(choice.error).toMatch(/"channel" field/);
    }
  });

  it.each(['#incidents', 'incidents', 'D0123ABC', 'c0123abc', 'C1', '', 'C0123ABC&x=1'])(
    'refuses %j as a channel id',
    (id) => {
      for (const choice of [
        chooseChannel(id, { alerts: hinted(null), channelHint: null }),
        chooseChannel(null, { alerts: hinted(id), channelHint: null }),
      ]) {
        if (id === '' && choice.ok === false && /no channel/.test(choice.error)) continue;
        expect(choice).toMatchObject({
          ok: false,
          error: expect.stringMatching(/not a Slack channel id/),
        });
      }
    },
  );
});
