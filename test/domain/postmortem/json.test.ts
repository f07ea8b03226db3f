import { describe, expect, it } from 'vitest';
import { toPostmortemJson } from '../../../src/domain/postmortem/json.ts';
import { buildPostmortem } from '../../../src/domain/postmortem/model.ts';
import { anIncident, at } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

const meta = { incidentId: 42, channelId: 'C0INC' };
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What a consumer sees: the document after a trip through JSON text. */
function exported(input = checkoutIncident()) {
  return JSON.parse(JSON.stringify(toPostmortemJson(buildPostmortem(input), meta)));
}

/** Every `[path, value]` pair under a key ending in `At`, at any depth. */
function timeFields(value: unknown, path = '$'): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => timeFields(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(/(^at|At)$/.test(key) ? [[`${path}.${key}`, v] as [string, unknown]] : []),
    ...timeFields(v, `${path}.${key}`),
  ]);
}

describe('toPostmortemJson', () => {
  it('names its schema and version 1', () => {
    const doc = exported();
    expect(doc.schema).toBe('incident-scribe.postmortem');
    expect(doc.version).toBe(1);
  });

  it('has exactly the documented top-level fields', () => {
    expect(Object.keys(exported()).sort()).toEqual(
      [
        'schema',
        'version',
        'generatedAt',
        'generatedAtMs',
        'timeZone',
        'incident',
        'metrics',
        'timeline',
        'alertEpisodes',
        'actions',
        'sections',
        'responders',
        'blameless',
        'blamelessMore',
        'transcript',
        'related',
        'postmortem',
      ].sort(),
    );
  });

  it('describes the incident with ids from the caller and names from the draft', () => {
    expect(exported().incident).toEqual({
      id: 42,
      channelId: 'C0INC',
      title: 'Checkout returns 500s',
      severity: 'sev2',
      status: 'resolved',
      reporter: 'Alice',
      lead: 'Bob',
      participants: ['Alice', 'Bob', 'Carol'],
      declaredAt: '2026-11-21T14:05:00.000Z',
      declaredAtMs: at(14, 5),
      resolvedAt: '2026-11-21T15:02:00.000Z',
      resolvedAtMs: at(15, 2),
      category: null,
      tags: [],
      services: [],
    });
  });

  it('writes every instant as ISO 8601 UTC with milliseconds, next to the same instant in ms', () => {
    const doc = exported();
    const fields = timeFields(doc).filter(([, v]) => v !== null);
    expect(fields.length).toBeGreaterThan(20);
    for (const [path, value] of fields) {
      expect(value, path).toMatch(ISO_MS);
    }
    expect(doc.generatedAt).toBe('2026-11-21T15:02:05.000Z');
    expect(doc.generatedAtMs).toBe(at(15, 2, 5));
    for (const entry of doc.timeline) expect(Date.parse(entry.at)).toBe(entry.atMs);
  });

  it('keeps milliseconds and stays in UTC whatever zone the draft is rendered in', () => {
    const input = checkoutIncident({ timeZone: 'America/New_York' });
    const declaredAt = at(14, 5) + 7;
    const doc = exported({ ...input, incident: anIncident({ ...input.incident, declaredAt }) });
    expect(doc.timeZone).toBe('America/New_York');
    expect(doc.incident.declaredAt).toBe('2026-11-21T14:05:00.007Z');
    expect(doc.incident.declaredAtMs).toBe(declaredAt);
  });

  it('gives each metric point its time, source and provenance', () => {
    const { metrics } = exported();
    expect(metrics.detected).toEqual({
      at: '2026-11-21T14:01:30.000Z',
      atMs: at(14, 1, 30),
      source: 'alert',
      provenance: expect.stringContaining('first firing alert'),
    });
    expect(metrics.mitigated).toMatchObject({ atMs: at(14, 31, 20), source: 'command' });
    expect(metrics.resolved).toMatchObject({ at: '2026-11-21T15:02:00.000Z' });
    expect(Object.keys(metrics.impactStart).sort()).toEqual(['at', 'atMs', 'provenance', 'source']);
  });

  it('writes durations in ms, exact, with null for what has not happened', () => {
    const { metrics } = exported();
    expect(metrics.durationsMs).toEqual({
      ttd: 0,
      ttm: at(14, 31, 20) - at(14, 1, 30),
      total: at(14, 31, 20) - at(14, 1, 30),
      timeToDeclare: at(14, 5) - at(14, 1, 30),
      tta: expect.any(Number),
      timeToLead: 60_000,
      timeToFirstAction: expect.any(Number),
      ttr: at(15, 2) - at(14, 1, 30),
    });
    const input = checkoutIncident();
    const open = exported({
      ...input,
      incident: anIncident({ status: 'declared' }),
      events: input.events.filter((e) => e.kind !== 'mitigated' && e.kind !== 'resolved'),
    });
    expect(open.metrics.mitigated).toBeNull();
    expect(open.metrics.resolved).toBeNull();
    expect(open.metrics.durationsMs.ttm).toBeNull();
    expect(open.incident.resolvedAt).toBeNull();
    expect(open.incident.resolvedAtMs).toBeNull();
  });

  it('says how the incident was detected', () => {
    expect(exported().metrics.detection).toEqual({
      source: 'monitoring',
      tool: 'alertmanager',
      toolName: 'Alertmanager',
      by: null,
      summary: 'Our monitoring found it (Alertmanager).',
    });
  });

  it('nests thread replies in the timeline with the same fields', () => {
    const { timeline } = exported();
    const parent = timeline.find((e: { text: string }) => e.text === 'should we roll back?');
    expect(parent.replies).toHaveLength(1);
    expect(Object.keys(parent.replies[0]).sort()).toEqual(Object.keys(parent).sort());
    expect(parent.replies[0]).toMatchObject({ actor: 'Carol', text: 'yes, @Bob go ahead' });
    expect(timeline[0]).toMatchObject({ kind: 'alert_firing', beforeDeclaration: true });
  });

  it('pairs alert episodes with how long they fired', () => {
    const [episode] = exported().alertEpisodes;
    expect(episode).toMatchObject({
      source: 'alertmanager',
      toolName: 'Alertmanager',
      firedAt: '2026-11-21T14:01:30.000Z',
      resolvedAt: '2026-11-21T14:33:00.000Z',
      firingForMs: at(14, 33) - at(14, 1, 30),
      occurrences: 1,
    });
  });

  it('carries actions, written sections, responders, blameless findings and the transcript', () => {
    const input = checkoutIncident({
      sections: [
        {
          kind: 'summary',
          text: 'Checkout failed for 30 minutes.',
          authorId: 'U0BOB',
          at: at(15, 5),
        },
        { kind: 'learning', text: 'Canary first.', authorId: 'U0BOB', at: at(15, 6) },
      ],
    });
    const doc = exported(input);
    expect(doc.actions.map((a: { id: number }) => a.id)).toEqual([1, 2]);
    expect(doc.actions[0]).toEqual({
      id: 1,
      text: 'Add a canary stage to the checkout deploy',
      owner: 'Carol',
      due: '2026-12-05',
      status: 'open',
      kind: 'follow_up',
      priority: null,
      purpose: null,
    });
    expect(doc.sections).toEqual({
      summary: 'Checkout failed for 30 minutes.',
      impact: null,
      cause: null,
      learnings: ['Canary first.'],
    });
    const draft = buildPostmortem(input);
    expect(doc.responders).toEqual(draft.responders);
    expect(doc.blameless).toEqual(draft.blameless);
    expect(doc.transcript).toHaveLength(draft.transcript.length);
    expect(doc.transcript[0]).toEqual({
      ...draft.transcript[0],
      at: new Date(draft.transcript[0]?.at ?? 0).toISOString(),
      atMs: draft.transcript[0]?.at,
    });
  });

  it('does not share arrays with the draft', () => {
    const draft = buildPostmortem(checkoutIncident());
    const doc = toPostmortemJson(draft, meta);
    doc.incident.participants.push('Mallory');
    doc.metrics.warnings.push('changed');
    expect(draft.participants).not.toContain('Mallory');
    expect(draft.metrics.warnings).not.toContain('changed');
  });
});
