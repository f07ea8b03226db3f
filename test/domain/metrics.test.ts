import { describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsInput } from '../../src/domain/metrics.ts';
import type { AlertOccurrence } from '../../src/domain/types.ts';
import { aMessage, anEvent, anIncident, anOccurrence, at, people } from './builders.ts';

const MIN = 60_000;

function metrics(overrides: Partial<MetricsInput> = {}) {
  return computeMetrics({
    incident: anIncident({ declaredAt: at(14, 5) }),
    events: [anEvent({ kind: 'declared', at: at(14, 5) })],
    messages: [],
    alerts: [],
    people,
    ...overrides,
  });
}

const firing = (title: string, when: number, extra: Partial<AlertOccurrence['alert']> = {}) =>
  anOccurrence({ state: 'firing', title, ...extra }, when);

describe('detection and impact start', () => {
  it('detects at the earliest firing alert when it came before the declaration', () => {
    const m = metrics({
      incident: anIncident({ declaredAt: at(14, 5), mitigatedAt: at(14, 30) }),
      alerts: [
        firing('[FIRING:1] HighErrorRate', at(14, 0)),
        firing('[FIRING:1] Later', at(14, 2)),
      ],
    });
    expect(m.detected).toEqual({
      at: at(14, 0),
      source: 'alert',
      detail: 'first firing alert "[FIRING:1] HighErrorRate" (Alertmanager)',
    });
    expect(m.impactStart.at).toBe(at(14, 0));
    expect(m.ttmMs).toBe(30 * MIN);
    expect(m.detection).toMatchObject({ source: 'monitoring', tool: 'alertmanager' });
  });

  it('detects at the declaration when there is no firing alert, and names the reporter', () => {
    const m = metrics({ messages: [aMessage()] });
    expect(m.detected).toEqual({
      at: at(14, 5),
      source: 'declaration',
      detail: 'declared by /incident start',
    });
    expect(m.impactStart).toEqual(m.detected);
    expect(m.ttdMs).toBe(0);
    expect(m.detection).toEqual({
      source: 'person',
      tool: null,
      by: 'Alice',
      summary: 'Alice noticed it and declared the incident.',
    });
  });

  it('caps detection at the declaration when the first alert fired afterwards', () => {
    const m = metrics({ alerts: [firing('[FIRING:1] Late', at(14, 9))] });
    expect(m.detected.source).toBe('declaration');
    expect(m.impactStart.source).toBe('declaration');
  });

  it("starts the impact at an alert's own start time, before it reached the channel", () => {
    const m = metrics({
      alerts: [firing('[FIRING:1] Disk full', at(14, 0), { firedAt: at(13, 51) })],
    });
    expect(m.impactStart).toMatchObject({ at: at(13, 51), source: 'alert' });
    expect(m.impactStart.detail).toContain('start time stated by');
    expect(m.detected.at).toBe(at(14, 0));
    expect(m.ttdMs).toBe(9 * MIN);
  });

  it('uses a webhook startsAt even when the webhook arrived after the declaration', () => {
    const late = anOccurrence(
      { state: 'firing', title: 'Api5xx', firedAt: at(13, 55) },
      at(14, 6),
      'webhook',
    );
    const m = metrics({ alerts: [late] });
    expect(m.detected.source).toBe('declaration');
    expect(m.impactStart.at).toBe(at(13, 55));
    expect(m.ttdMs).toBe(10 * MIN);
  });

  it('ignores resolved, acknowledged and info alerts for detection', () => {
    const m = metrics({
      alerts: [
        anOccurrence({ state: 'resolved', title: '[RESOLVED] Old' }, at(13, 0)),
        anOccurrence({ state: 'acknowledged', title: 'Ack' }, at(13, 1)),
        anOccurrence({ state: 'info', title: 'Note' }, at(13, 2)),
      ],
    });
    expect(m.detected.source).toBe('declaration');
  });
});

describe('overrides keep their provenance and win', () => {
  it('takes the latest /incident started and /incident detected, naming who set them', () => {
    const m = metrics({
      alerts: [firing('[FIRING:1] X', at(14, 0))],
      events: [
        anEvent({ kind: 'declared', at: at(14, 5) }),
        anEvent({ kind: 'impact_start_set', at: at(14, 20), valueAt: at(13, 30) }),
        anEvent({
          kind: 'impact_start_set',
          at: at(14, 21),
          actorId: 'U0BOB',
          valueAt: at(13, 40),
        }),
        anEvent({ kind: 'detected_set', at: at(14, 22), valueAt: at(13, 58), text: 'customer' }),
      ],
    });
    expect(m.impactStart).toEqual({
      at: at(13, 40),
      source: 'override',
      detail: 'set by Bob with /incident started',
    });
    expect(m.detected).toMatchObject({ at: at(13, 58), source: 'override' });
    expect(m.ttdMs).toBe(18 * MIN);
    expect(m.detection).toEqual({
      source: 'customer',
      tool: null,
      by: null,
      summary: 'A customer told us.',
    });
  });

  it('credits the person named in /incident detected … by @user', () => {
    const m = metrics({
      events: [
        anEvent({ kind: 'declared', at: at(14, 5) }),
        anEvent({
          kind: 'detected_set',
          at: at(14, 9),
          valueAt: at(14, 1),
          text: 'person',
          subjectId: 'U0CAROL',
        }),
      ],
    });
    expect(m.detection).toMatchObject({ source: 'person', by: 'Carol' });
    expect(m.timeToDeclareMs).toBe(4 * MIN);
  });
});

describe('durations', () => {
  it('keeps TTD + TTM equal to the total, to the millisecond', () => {
    const m = metrics({
      incident: anIncident({
        declaredAt: at(14, 5),
        mitigatedAt: at(14, 47, 13) + 123,
        resolvedAt: at(15, 0),
      }),
      alerts: [firing('[FIRING:1] A', at(14, 1, 7), { firedAt: at(13, 52, 41) + 9 })],
    });
    expect(m.ttdMs + (m.ttmMs ?? Number.NaN)).toBe(m.totalMs);
    expect(m.ttrMs).toBe(at(15, 0) - (at(13, 52, 41) + 9));
  });

  it('measures time to declare, to acknowledge, to lead and to first action', () => {
    const m = metrics({
      alerts: [firing('[FIRING:1] A', at(14, 0))],
      messages: [
        aMessage({ postedAt: at(13, 59), text: 'before the alert' }),
        aMessage({ postedAt: at(14, 2), text: 'seeing errors' }),
        aMessage({ postedAt: at(14, 1), isBot: true, userId: null, botName: 'Deploy Bot' }),
      ],
      events: [
        anEvent({ kind: 'declared', at: at(14, 5) }),
        anEvent({ kind: 'lead_changed', at: at(14, 8), subjectId: 'U0BOB' }),
        anEvent({ kind: 'lead_changed', at: at(14, 20), subjectId: 'U0CAROL' }),
        anEvent({ kind: 'action_added', at: at(14, 12) }),
      ],
    });
    expect(m.timeToDeclareMs).toBe(5 * MIN);
    expect(m.ttaMs).toBe(2 * MIN);
    expect(m.timeToLeadMs).toBe(3 * MIN);
    expect(m.timeToFirstActionMs).toBe(7 * MIN);
  });

  it('leaves what has not happened yet empty', () => {
    const m = metrics();
    expect([m.mitigated, m.resolved, m.ttmMs, m.totalMs, m.ttrMs, m.timeToLeadMs]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m.ttaMs).toBe(0);
  });
});

describe('mitigation and resolution provenance', () => {
  it('says who marked it and whether the time was given', () => {
    const m = metrics({
      incident: anIncident({ mitigatedAt: at(14, 20), resolvedAt: at(15, 0) }),
      events: [
        anEvent({ kind: 'declared', at: at(14, 5) }),
        anEvent({ kind: 'mitigated', at: at(14, 40), actorId: 'U0BOB', valueAt: at(14, 20) }),
        anEvent({ kind: 'resolved', at: at(15, 0), actorId: 'U0BOB' }),
      ],
    });
    expect(m.mitigated).toEqual({
      at: at(14, 20),
      source: 'command',
      detail: '/incident mitigated by Bob (time given)',
    });
    expect(m.resolved?.detail).toBe('/incident resolve by Bob');
  });

  it('falls back to the resolution when nobody marked mitigation', () => {
    const m = metrics({ incident: anIncident({ resolvedAt: at(15, 0) }) });
    expect(m.mitigated).toMatchObject({ at: at(15, 0), source: 'resolution' });
  });
});

describe('ordering checks', () => {
  it('warns about out-of-order times and never changes them', () => {
    const m = metrics({
      incident: anIncident({
        declaredAt: at(14, 5),
        mitigatedAt: at(14, 0),
        resolvedAt: at(13, 50),
      }),
    });
    expect(m.mitigated?.at).toBe(at(14, 0));
    expect(m.warnings).toHaveLength(2);
    expect(m.warnings[0]).toContain('Mitigated');
    expect(m.warnings[1]).toContain('Resolved');
    expect(m.ttmMs).toBe(-5 * MIN);
  });
});
