import { describe, expect, it } from 'vitest';
import { isRefusal } from '../../src/domain/incident.ts';
import {
  FIRST_DRAFT,
  overduePostmortem,
  type PostmortemLife,
  type PostmortemState,
  postmortemDueDay,
  stepPostmortem,
  toPostmortemState,
} from '../../src/domain/postmortem-life.ts';
import { withPostmortemReminders } from '../../src/domain/postmortem-reminders.ts';
import { DEFAULT_WORKING_HOURS } from '../../src/domain/reminders.ts';
import { anIncident, at } from './builders.ts';

// 2026-11-21 (the builders' day) is a Saturday.
const resolved = anIncident({ status: 'resolved', resolvedAt: at(15, 0) });
const life = (state: PostmortemState): PostmortemLife => ({ ...FIRST_DRAFT, state });
const refusal = (result: ReturnType<typeof stepPostmortem>) =>
  isRefusal(result) ? result.refused : null;

describe('stepPostmortem', () => {
  it('goes draft → in review → published, recording who and when, with an event', () => {
    const reviewed = stepPostmortem(resolved, FIRST_DRAFT, 'review', 'U0BOB', at(16, 0));
    expect(reviewed).toEqual({
      life: { state: 'in_review', at: at(16, 0), by: 'U0BOB', skipReason: null },
      event: {
        kind: 'postmortem_in_review',
        at: at(16, 0),
        actorId: 'U0BOB',
        text: null,
        subjectId: null,
        valueAt: null,
      },
    });
    const published = stepPostmortem(resolved, life('in_review'), 'publish', 'U0BOB', at(17, 0));
    expect(published).toMatchObject({
      life: { state: 'published' },
      event: { kind: 'postmortem_published' },
    });
  });

  it('refuses every step before the resolution', () => {
    for (const status of ['declared', 'mitigated'] as const) {
      const open = anIncident({ status, severity: 'sev4' });
      for (const step of ['review', 'publish', 'skip'] as const) {
        expect(refusal(stepPostmortem(open, FIRST_DRAFT, step, 'U0BOB', at(16, 0), 'x'))).toContain(
          `still ${status}`,
        );
      }
    }
  });

  it('refuses publishing a draft or a skipped one, and repeating a step', () => {
    expect(refusal(stepPostmortem(resolved, FIRST_DRAFT, 'publish', 'U0B', 1))).toContain(
      'review first',
    );
    expect(refusal(stepPostmortem(resolved, life('skipped'), 'publish', 'U0B', 1))).toContain(
      'was skipped',
    );
    expect(refusal(stepPostmortem(resolved, life('published'), 'publish', 'U0B', 1))).toContain(
      'already published',
    );
    expect(refusal(stepPostmortem(resolved, life('in_review'), 'review', 'U0B', 1))).toContain(
      'already in review',
    );
  });

  it('takes a published or skipped post-mortem back into review', () => {
    for (const state of ['published', 'skipped'] as const) {
      const back = stepPostmortem(
        resolved,
        { ...life(state), skipReason: 'x' },
        'review',
        'U0B',
        1,
      );
      expect(back).toMatchObject({ life: { state: 'in_review', skipReason: null } });
    }
  });

  it('skips only sev3/sev4, keeping the reason as the event text', () => {
    for (const severity of ['sev1', 'sev2'] as const) {
      const big = { ...resolved, severity };
      expect(refusal(stepPostmortem(big, FIRST_DRAFT, 'skip', 'U0B', 1, 'small'))).toContain(
        `A ${severity} incident needs a post-mortem`,
      );
    }
    const small = { ...resolved, severity: 'sev3' as const };
    expect(stepPostmortem(small, life('in_review'), 'skip', 'U0B', 1, 'One retry')).toMatchObject({
      life: { state: 'skipped', skipReason: 'One retry', by: 'U0B' },
      event: { kind: 'postmortem_skipped', text: 'One retry' },
    });
    expect(refusal(stepPostmortem(small, life('published'), 'skip', 'U0B', 1, 'x'))).toContain(
      'already published',
    );
    expect(refusal(stepPostmortem(small, life('skipped'), 'skip', 'U0B', 1, 'x'))).toContain(
      'already skipped',
    );
  });

  it('reads an unknown stored state as a draft', () => {
    expect(toPostmortemState('in_review')).toBe('in_review');
    expect(toPostmortemState('bogus')).toBe('draft');
  });
});

describe('postmortemDueDay', () => {
  const hours = DEFAULT_WORKING_HOURS;

  it('counts working days after the day of the resolution, in the given zone', () => {
    // Saturday → Mon, Tue, Wed, Thu, Fri.
    expect(postmortemDueDay(at(15, 0), 'UTC', hours, 5)).toBe('2026-11-27');
    // Friday 2026-11-20 → Mon … Fri of the next week.
    expect(postmortemDueDay(Date.UTC(2026, 10, 20, 10), 'UTC', hours, 5)).toBe('2026-11-27');
    // Wednesday → Thursday, Friday, Monday.
    expect(postmortemDueDay(Date.UTC(2026, 10, 18, 10), 'UTC', hours, 3)).toBe('2026-11-23');
    // Friday 23:30 in UTC is already Saturday in Tokyo.
    expect(postmortemDueDay(Date.UTC(2026, 10, 20, 23, 30), 'Asia/Tokyo', hours, 1)).toBe(
      '2026-11-23',
    );
  });

  it('steps over a daylight-saving change without losing a day', () => {
    // Berlin leaves summer time on Sunday 2026-10-25.
    expect(postmortemDueDay(Date.UTC(2026, 9, 23, 12), 'Europe/Berlin', hours, 1)).toBe(
      '2026-10-26',
    );
  });

  it('is never due without working days', () => {
    expect(postmortemDueDay(at(15, 0), 'UTC', { days: [] }, 5)).toBe('9999-12-31');
  });
});

describe('overduePostmortem', () => {
  const days = DEFAULT_WORKING_HOURS;
  const dueAt = Date.UTC(2026, 10, 27, 9, 30);
  const candidate = (overrides = {}, state: PostmortemState = 'draft') => ({
    incident: { ...resolved, ...overrides },
    life: life(state),
  });

  it('is due from the due day on, for a resolved sev1/sev2 draft', () => {
    expect(overduePostmortem(candidate(), dueAt, 'UTC', days, 5)).toEqual({
      incident: resolved,
      dueDay: '2026-11-27',
    });
    expect(overduePostmortem(candidate(), dueAt - 86_400_000, 'UTC', days, 5)).toBeNull();
    expect(overduePostmortem(candidate(), dueAt + 3 * 86_400_000, 'UTC', days, 5)).not.toBeNull();
  });

  it('is not due for a smaller incident, one that moved on, or one reopened', () => {
    expect(overduePostmortem(candidate({ severity: 'sev3' }), dueAt, 'UTC', days, 5)).toBeNull();
    expect(overduePostmortem(candidate({}, 'in_review'), dueAt, 'UTC', days, 5)).toBeNull();
    const reopened = candidate({ status: 'declared', resolvedAt: null });
    expect(overduePostmortem(reopened, dueAt, 'UTC', days, 5)).toBeNull();
  });
});

describe('withPostmortemReminders', () => {
  const hours = DEFAULT_WORKING_HOURS;
  // Friday 2026-11-27 10:00 UTC: the due day of a Saturday-resolved draft with 5 days.
  const now = Date.UTC(2026, 10, 27, 10, 0);
  const lead = anIncident({ status: 'resolved', resolvedAt: at(15, 0), leadId: 'U0BOB' });
  const drafts = [{ incident: lead, life: FIRST_DRAFT }];
  const owners = (dmDays: string[] = []) =>
    new Map([['U0BOB', { timeZone: 'UTC', dmDays: new Set(dmDays) }]]);

  it("joins the lead's reminder of the day, or makes one", () => {
    const own = { ownerId: 'U0BOB', day: '2026-11-27', actions: [], reasons: [] };
    expect(withPostmortemReminders([own], drafts, owners(), now, hours, 5)).toEqual([
      { ...own, postmortems: [{ incident: lead, dueDay: '2026-11-27' }] },
    ]);
    expect(withPostmortemReminders([], drafts, owners(), now, hours, 5)).toEqual([
      { ...own, postmortems: [{ incident: lead, dueDay: '2026-11-27' }] },
    ]);
  });

  it('waits for working hours, keeps to one DM a day, and stops after 90 days', () => {
    expect(withPostmortemReminders([], drafts, owners(), now - 3 * 3_600_000, hours, 5)).toEqual(
      [],
    );
    expect(withPostmortemReminders([], drafts, owners(['2026-11-27']), now, hours, 5)).toEqual([]);
    const later = Date.UTC(2027, 1, 25, 10, 0);
    expect(withPostmortemReminders([], drafts, owners(), later, hours, 5)).toEqual([]);
  });
});
