import { describe, expect, it } from 'vitest';
import { buildAlertEpisodes } from '../../../src/domain/alerts/episodes.ts';
import type {
  AlertOccurrence,
  AlertSignal,
  AlertSource,
  AlertState,
} from '../../../src/domain/types.ts';

const T0 = Date.UTC(2026, 10, 21, 13, 50);
const min = (n: number) => T0 + n * 60_000;

function occ(
  state: AlertState,
  at: number,
  overrides: Partial<AlertSignal> & { messageTs?: string | null } = {},
): AlertOccurrence {
  const { messageTs = `${at / 1000}.000100`, ...alert } = overrides;
  const source: AlertSource = alert.source ?? 'alertmanager';
  return {
    at,
    origin: 'message',
    messageTs,
    alert: {
      state,
      title: `[${state.toUpperCase()}] HighErrorRate`,
      source,
      name: 'HighErrorRate',
      severity: null,
      firedAt: null,
      ...alert,
    },
  };
}

describe('buildAlertEpisodes', () => {
  it('opens an episode on firing and closes it on resolved', () => {
    const episodes = buildAlertEpisodes([
      occ('firing', min(1), { severity: 'critical', messageTs: '1.1' }),
      occ('resolved', min(30), { messageTs: '1.1' }),
    ]);
    expect(episodes).toEqual([
      {
        source: 'alertmanager',
        name: 'HighErrorRate',
        title: '[FIRING] HighErrorRate',
        severity: 'critical',
        firedAt: min(1),
        firstSeenAt: min(1),
        acknowledgedAt: null,
        resolvedAt: min(30),
        occurrences: 1,
        messageTs: '1.1',
      },
    ]);
  });

  it("dates an episode by the alert's own start when it states one", () => {
    const [episode] = buildAlertEpisodes([occ('firing', min(2), { firedAt: min(0) })]);
    expect(episode).toMatchObject({ firedAt: min(0), firstSeenAt: min(2), resolvedAt: null });
  });

  it('learns the start from a later notification, but never moves it past first sight', () => {
    const [learned] = buildAlertEpisodes([
      occ('firing', min(2)),
      occ('firing', min(6), { firedAt: min(1) }),
    ]);
    expect(learned?.firedAt).toBe(min(1));
    const [skewed] = buildAlertEpisodes([occ('firing', min(2), { firedAt: min(3) })]);
    expect(skewed?.firedAt).toBe(min(2));
  });

  it('counts repeated firings in one open episode', () => {
    const episodes = buildAlertEpisodes([
      occ('firing', min(1)),
      occ('firing', min(5)),
      occ('firing', min(9)),
      occ('resolved', min(20)),
      occ('firing', min(40)),
    ]);
    expect(episodes.map((e) => [e.occurrences, e.firedAt, e.resolvedAt])).toEqual([
      [3, min(1), min(20)],
      [1, min(40), null],
    ]);
  });

  it('sets the first acknowledgement on the open episode', () => {
    const [episode] = buildAlertEpisodes([
      occ('firing', min(1)),
      occ('acknowledged', min(4)),
      occ('acknowledged', min(8)),
      occ('resolved', min(20)),
    ]);
    expect(episode).toMatchObject({ acknowledgedAt: min(4), resolvedAt: min(20), occurrences: 1 });
  });

  it('turns a recovery whose firing we never saw into an episode of its own', () => {
    const [orphan] = buildAlertEpisodes([occ('resolved', min(12), { messageTs: '9.9' })]);
    expect(orphan).toMatchObject({
      firedAt: min(12),
      firstSeenAt: min(12),
      resolvedAt: min(12),
      occurrences: 1,
      messageTs: '9.9',
    });
    const [stated] = buildAlertEpisodes([occ('resolved', min(12), { firedAt: min(3) })]);
    expect(stated).toMatchObject({ firedAt: min(3), firstSeenAt: min(12), resolvedAt: min(12) });
  });

  it('keeps an acknowledgement whose firing we never saw as an open episode', () => {
    const [episode] = buildAlertEpisodes([occ('acknowledged', min(3))]);
    expect(episode).toMatchObject({ firedAt: min(3), acknowledgedAt: min(3), resolvedAt: null });
  });

  it('makes no episode of information', () => {
    expect(buildAlertEpisodes([occ('info', min(1))])).toEqual([]);
  });

  it('pairs interleaved alerts by source and name, whatever order they arrive in', () => {
    const episodes = buildAlertEpisodes([
      occ('resolved', min(30), { name: 'DiskFull' }),
      occ('firing', min(2), { name: 'DiskFull' }),
      occ('firing', min(1), { name: 'HighErrorRate' }),
      occ('firing', min(3), { name: 'HighErrorRate', source: 'grafana' }),
      occ('resolved', min(10), { name: 'HighErrorRate' }),
    ]);
    expect(episodes.map((e) => [e.source, e.name, e.firedAt, e.resolvedAt])).toEqual([
      ['alertmanager', 'HighErrorRate', min(1), min(10)],
      ['alertmanager', 'DiskFull', min(2), min(30)],
      ['grafana', 'HighErrorRate', min(3), null],
    ]);
  });

  it('treats state changes of one edited message as separate occurrences', () => {
    const episodes = buildAlertEpisodes([
      occ('firing', min(1), { messageTs: '5.5' }),
      occ('resolved', min(9), { messageTs: '5.5' }),
      occ('firing', min(15), { messageTs: '5.5' }),
    ]);
    expect(episodes.map((e) => [e.firedAt, e.resolvedAt, e.messageTs])).toEqual([
      [min(1), min(9), '5.5'],
      [min(15), null, '5.5'],
    ]);
  });

  it('keeps the first severity a notification states', () => {
    const [episode] = buildAlertEpisodes([
      occ('firing', min(1)),
      occ('firing', min(2), { severity: 'warning' }),
      occ('firing', min(3), { severity: 'critical' }),
    ]);
    expect(episode?.severity).toBe('warning');
  });
});
