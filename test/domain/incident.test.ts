import { describe, expect, it } from 'vitest';
import {
  assignLead,
  declareIncident,
  isRefusal,
  mitigate,
  resolve,
} from '../../src/domain/incident.ts';
import type { Incident } from '../../src/domain/types.ts';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

function declared(): Incident {
  const result = declareIncident(
    null,
    { channelId: 'C1', channelName: 'inc-db', title: 'DB down', severity: null, reporterId: 'U1' },
    T0,
  );
  if (isRefusal(result)) throw new Error(result.refused);
  return { ...result.incident, id: 7 };
}

describe('incident state machine', () => {
  it('declares with the caller as reporter, sev3 by default, and a declared event', () => {
    const result = declareIncident(
      null,
      {
        channelId: 'C1',
        channelName: 'inc-db',
        title: 'DB down',
        severity: null,
        reporterId: 'U1',
      },
      T0,
    );
    expect(isRefusal(result)).toBe(false);
    if (isRefusal(result)) return;
    expect(result.incident).toMatchObject({
      status: 'declared',
      severity: 'sev3',
      reporterId: 'U1',
      declaredAt: T0,
    });
    expect(result.event).toEqual({
      kind: 'declared',
      at: T0,
      actorId: 'U1',
      text: 'DB down',
      subjectId: null,
      valueAt: null,
    });
  });

  it('refuses a second open incident in the same channel', () => {
    const result = declareIncident(
      declared(),
      {
        channelId: 'C1',
        channelName: 'inc-db',
        title: 'Another',
        severity: 'sev1',
        reporterId: 'U2',
      },
      T0,
    );
    expect(isRefusal(result) && result.refused).toContain('already has an open incident');
  });

  it('records every lead change and refuses a no-op change', () => {
    const first = assignLead(declared(), 'U2', 'U1', T0 + 1000);
    if (isRefusal(first)) throw new Error('refused');
    expect(first.incident.leadId).toBe('U2');
    expect(first.event).toMatchObject({ kind: 'lead_changed', subjectId: 'U2', actorId: 'U1' });
    expect(isRefusal(assignLead(first.incident, 'U2', 'U1', T0 + 2000))).toBe(true);
  });

  it('mitigates once, then only resolving is left', () => {
    const m = mitigate(declared(), 'rolled back', 'U1', T0 + 60_000);
    if (isRefusal(m)) throw new Error('refused');
    expect(m.incident).toMatchObject({ status: 'mitigated', mitigatedAt: T0 + 60_000 });
    expect(isRefusal(mitigate(m.incident, null, 'U1', T0 + 70_000))).toBe(true);
    const r = resolve(m.incident, null, 'U1', T0 + 90_000);
    expect(r.incident).toMatchObject({
      status: 'resolved',
      resolvedAt: T0 + 90_000,
      mitigatedAt: T0 + 60_000,
    });
  });
});
