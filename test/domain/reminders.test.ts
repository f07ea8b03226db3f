import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKING_HOURS,
  dueReminders,
  needsReminder,
  parseHours,
  reminderFor,
  weekKey,
  weeklyDigests,
  withinWorkingHours,
} from '../../src/domain/reminders.ts';
import { anAction } from './builders.ts';

const MON_10 = Date.UTC(2026, 10, 23, 10, 0);
const DAY = 86_400_000;
const policy = { everyMs: DAY, hours: DEFAULT_WORKING_HOURS };
const fresh = { lastRemindedAt: null, snoozedUntil: null };
const LEAD = 'U0ALICE';

describe('working hours', () => {
  it("are read in the owner's zone, Monday to Friday", () => {
    expect(withinWorkingHours(MON_10, 'UTC', DEFAULT_WORKING_HOURS)).toBe(true);
    expect(withinWorkingHours(MON_10, 'Asia/Tokyo', DEFAULT_WORKING_HOURS)).toBe(false);
    expect(withinWorkingHours(MON_10, 'America/New_York', DEFAULT_WORKING_HOURS)).toBe(false);
    expect(withinWorkingHours(MON_10 - 2 * DAY, 'UTC', DEFAULT_WORKING_HOURS)).toBe(false);
    expect(withinWorkingHours(Date.UTC(2026, 10, 23, 18, 0), 'UTC', DEFAULT_WORKING_HOURS)).toBe(
      false,
    );
  });

  it('parse from 09:00-18:00 and reject backwards or broken ranges', () => {
    expect(parseHours('08:30-17:15')).toEqual({ startMinute: 510, endMinute: 1035 });
    expect(parseHours('18:00-09:00')).toBeNull();
    expect(parseHours('9-5')).toBeNull();
    expect(parseHours('25:00-26:00')).toBeNull();
  });
});

describe('needsReminder', () => {
  const due = anAction({ ownerId: 'U0BOB', dueDate: '2026-11-23', status: 'open' });
  it("once due in the owner's zone, and again only after REMINDER_EVERY", () => {
    expect(needsReminder({ action: due, state: fresh }, MON_10, 'UTC', DAY)).toBe(true);
    // Still Sunday in Honolulu.
    expect(
      needsReminder(
        { action: due, state: fresh },
        Date.UTC(2026, 10, 23, 8),
        'Pacific/Honolulu',
        DAY,
      ),
    ).toBe(false);
    const reminded = { lastRemindedAt: MON_10, snoozedUntil: null };
    expect(needsReminder({ action: due, state: reminded }, MON_10 + DAY - 1, 'UTC', DAY)).toBe(
      false,
    );
    expect(needsReminder({ action: due, state: reminded }, MON_10 + DAY, 'UTC', DAY)).toBe(true);
  });

  it('never for snoozed, closed, unowned or undated actions', () => {
    const snoozed = { lastRemindedAt: null, snoozedUntil: MON_10 + 1 };
    expect(needsReminder({ action: due, state: snoozed }, MON_10, 'UTC', DAY)).toBe(false);
    for (const action of [
      { ...due, status: 'done' as const },
      { ...due, status: 'dropped' as const },
      { ...due, ownerId: null },
      { ...due, dueDate: null },
    ]) {
      expect(needsReminder({ action, state: fresh }, MON_10, 'UTC', DAY)).toBe(false);
    }
  });
});

describe('dueReminders', () => {
  it('makes one digest per owner and skips owners already reminded today', () => {
    const a = anAction({ id: 1, ownerId: 'U0BOB', dueDate: '2026-11-20' });
    const b = anAction({ id: 2, ownerId: 'U0BOB', dueDate: '2026-11-23' });
    const c = anAction({ id: 3, ownerId: 'U0CAROL', dueDate: '2026-11-23' });
    const owners = new Map([
      ['U0BOB', { timeZone: 'UTC', dmDays: new Set<string>() }],
      ['U0CAROL', { timeZone: 'UTC', dmDays: new Set(['2026-11-23']) }],
    ]);
    const result = dueReminders(
      [a, b, c].map((action) => ({ action, state: fresh, leadId: LEAD })),
      owners,
      MON_10,
      policy,
    );
    expect(result).toEqual([
      { ownerId: 'U0BOB', day: '2026-11-23', actions: [a, b], reasons: ['due', 'due'] },
    ]);
  });
});

describe('who is reminded', () => {
  const zone = () => 'UTC';
  it('asks the lead to find an owner for an unowned action, once per REMINDER_EVERY', () => {
    const action = anAction({ ownerId: null, dueDate: '2026-11-23' });
    expect(reminderFor({ action, state: fresh, leadId: LEAD }, MON_10, zone, DAY)).toEqual({
      recipient: LEAD,
      reason: 'unowned',
    });
    const asked = { lastRemindedAt: MON_10 - 1000, snoozedUntil: null };
    expect(reminderFor({ action, state: asked, leadId: LEAD }, MON_10, zone, DAY)).toBeNull();
  });

  it('stops chasing the owner after 90 days overdue and tells the lead once', () => {
    const action = anAction({ ownerId: 'U0BOB', dueDate: '2026-08-01' });
    expect(reminderFor({ action, state: fresh, leadId: LEAD }, MON_10, zone, DAY)).toEqual({
      recipient: LEAD,
      reason: 'abandoned',
    });
    const told = { lastRemindedAt: MON_10 - DAY, snoozedUntil: null };
    expect(reminderFor({ action, state: told, leadId: LEAD }, MON_10, zone, DAY)).toBeNull();
    const recent = anAction({ ownerId: 'U0BOB', dueDate: '2026-11-01' });
    expect(
      reminderFor({ action: recent, state: fresh, leadId: LEAD }, MON_10, zone, DAY)?.reason,
    ).toBe('due');
  });
});

describe('weeklyDigests', () => {
  const actions = new Map([
    ['U0BOB', [anAction({ id: 1, ownerId: 'U0BOB', dueDate: '2026-12-20' })]],
  ]);
  const owner = (sentKeys: string[], timeZone = 'UTC') =>
    new Map([['U0BOB', { timeZone, sent: (key: string) => sentKeys.includes(key) }]]);

  it('goes out on Monday in working hours, once per ISO week', () => {
    expect(weekKey(MON_10, 'UTC')).toBe('week:2026-W48');
    expect(weeklyDigests(actions, owner([]), MON_10, DEFAULT_WORKING_HOURS)).toEqual([
      { ownerId: 'U0BOB', day: 'week:2026-W48', actions: actions.get('U0BOB'), reasons: ['due'] },
    ]);
    expect(weeklyDigests(actions, owner(['week:2026-W48']), MON_10, DEFAULT_WORKING_HOURS)).toEqual(
      [],
    );
    expect(weeklyDigests(actions, owner([]), MON_10 + DAY, DEFAULT_WORKING_HOURS)).toEqual([]);
    // Monday 10:00 UTC is already evening in Tokyo.
    expect(weeklyDigests(actions, owner([], 'Asia/Tokyo'), MON_10, DEFAULT_WORKING_HOURS)).toEqual(
      [],
    );
  });
});
