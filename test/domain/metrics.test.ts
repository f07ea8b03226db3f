import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/domain/metrics.ts';
import { aMessage, anAlert, anIncident, at } from './builders.ts';

const firing = (title: string, postedAt: number) =>
  anAlert({ state: 'firing', title }, { postedAt });

describe('computeMetrics', () => {
  it('detects at the earliest firing alert when it came before the declaration', () => {
    const incident = anIncident({ declaredAt: at(14, 5), mitigatedAt: at(14, 30) });
    const metrics = computeMetrics(incident, [
      firing('[FIRING:1] Later', at(14, 2)),
      firing('[FIRING:1] HighErrorRate', at(14, 0)),
    ]);
    expect(metrics.detected).toEqual({
      at: at(14, 0),
      source: 'alert',
      detail: 'first firing alert "[FIRING:1] HighErrorRate"',
    });
    expect(metrics.impactStart).toEqual(metrics.detected);
    expect(metrics.ttmMs).toBe(30 * 60_000);
  });

  it('detects at the declaration when there is no firing alert', () => {
    const metrics = computeMetrics(anIncident({ declaredAt: at(14, 5) }), [aMessage()]);
    expect(metrics.detected).toEqual({
      at: at(14, 5),
      source: 'declaration',
      detail: 'declared by /incident start',
    });
    expect(metrics.impactStart).toEqual(metrics.detected);
    expect(metrics.ttdMs).toBe(0);
  });

  it('caps detection at the declaration when the first alert fired afterwards', () => {
    const metrics = computeMetrics(anIncident({ declaredAt: at(14, 5) }), [
      firing('[FIRING:1] Late', at(14, 9)),
    ]);
    expect(metrics.detected.source).toBe('declaration');
    expect(metrics.impactStart.source).toBe('declaration');
  });

  it('counts an alert at the very moment of declaration as the detection', () => {
    const metrics = computeMetrics(anIncident({ declaredAt: at(14, 5) }), [
      firing('[FIRING:1] Same time', at(14, 5)),
    ]);
    expect(metrics.detected.source).toBe('alert');
  });

  it('ignores deleted and resolved alerts', () => {
    const metrics = computeMetrics(anIncident({ declaredAt: at(14, 5) }), [
      { ...firing('[FIRING:1] Deleted', at(14, 0)), deleted: true },
      anAlert({ state: 'resolved', title: '[RESOLVED] Old' }, { postedAt: at(13, 0) }),
    ]);
    expect(metrics.detected.source).toBe('declaration');
  });

  it('takes mitigation from /incident mitigated', () => {
    const metrics = computeMetrics(
      anIncident({ mitigatedAt: at(14, 30), resolvedAt: at(15, 0) }),
      [],
    );
    expect(metrics.mitigated).toEqual({
      at: at(14, 30),
      source: 'command',
      detail: '/incident mitigated',
    });
    expect(metrics.resolved).toEqual({
      at: at(15, 0),
      source: 'command',
      detail: '/incident resolve',
    });
  });

  it('falls back to the resolution when no mitigation was recorded', () => {
    const metrics = computeMetrics(anIncident({ resolvedAt: at(15, 0) }), []);
    expect(metrics.mitigated).toEqual({
      at: at(15, 0),
      source: 'resolution',
      detail: 'resolution (no separate mitigation recorded)',
    });
  });

  it('leaves mitigation-based durations empty while the incident is open', () => {
    const metrics = computeMetrics(anIncident(), []);
    expect(metrics.mitigated).toBeNull();
    expect(metrics.resolved).toBeNull();
    expect(metrics.ttmMs).toBeNull();
    expect(metrics.totalMs).toBeNull();
    expect(metrics.warnings).toEqual([]);
  });

  it('keeps total equal to TTD + TTM exactly', () => {
    const cases = [
      computeMetrics(anIncident({ mitigatedAt: at(14, 47, 13) }), [
        firing('[FIRING:1] A', at(13, 58, 41)),
      ]),
      computeMetrics(anIncident({ resolvedAt: at(16, 1, 1) }), []),
      computeMetrics(anIncident({ mitigatedAt: at(14, 0) }), []),
    ];
    for (const m of cases) {
      expect(m.totalMs).toBe(m.ttdMs + (m.ttmMs ?? Number.NaN));
      expect(m.totalMs).toBe((m.mitigated?.at ?? 0) - m.impactStart.at);
    }
  });

  it('warns about, but does not fix, a mitigation recorded before detection', () => {
    const metrics = computeMetrics(
      anIncident({ declaredAt: at(14, 5), mitigatedAt: at(14, 0), resolvedAt: at(15, 0) }),
      [],
    );
    expect(metrics.mitigated?.at).toBe(at(14, 0));
    expect(metrics.ttmMs).toBe(-5 * 60_000);
    expect(metrics.warnings).toEqual([
      'Mitigated (/incident mitigated) is recorded 5m before Detected (declared by /incident start); ' +
        'check these times, the durations built on them are not meaningful until they are corrected.',
    ]);
  });

  it('warns about a resolution recorded before the mitigation', () => {
    const metrics = computeMetrics(
      anIncident({ declaredAt: at(14, 5), mitigatedAt: at(14, 30), resolvedAt: at(14, 20) }),
      [],
    );
    expect(metrics.warnings).toHaveLength(1);
    expect(metrics.warnings[0]).toMatch(
      /^Resolved \(\/incident resolve\) is recorded 10m before Mitigated/,
    );
  });
});
