import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/import/plan.ts';
import { readSlackExport } from '../../src/import/read-export.ts';
import { parseBound } from '../../src/import/window-time.ts';
import { FIXTURE_DIR, fixtureFiles, text, writeExportDir } from './export-fixture.ts';

const at = (iso: string) => Date.parse(iso);
const NO_BOUNDS = { from: null, to: null };

function bound(raw: string, edge: 'from' | 'to'): number {
  const parsed = parseBound(raw, edge, 'UTC');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.at;
}

const checkout = await readSlackExport(FIXTURE_DIR, 'inc-checkout');

describe('planImport on the #inc-checkout export', () => {
  const exported = checkout;

  it('proposes the window from the first firing alert to the last message', () => {
    const plan = planImport(exported, NO_BOUNDS, null);
    expect(plan.window).toEqual({
      from: at('2026-03-12T13:52:41Z'),
      to: at('2026-03-13T09:00:00Z'),
    });
  });

  it('accounts for every message: recorded, outside the window or ignored by reason', () => {
    const { counts } = planImport(exported, NO_BOUNDS, null);
    expect(counts).toMatchObject({ read: 13, days: 3, recorded: 9, before: 1, after: 0 });
    expect(Object.fromEntries(counts.ignored)).toEqual({ channel_join: 2, bot_add: 1 });
    const ignored = [...counts.ignored.values()].reduce((a, b) => a + b, 0);
    expect(counts.recorded + counts.before + counts.after + ignored).toBe(counts.read);
  });

  it('sees the Alertmanager alerts and the thread, and not the GitHub push', () => {
    const plan = planImport(exported, NO_BOUNDS, null);
    expect(plan.counts).toMatchObject({ alerts: 2, threads: 1 });
    const states = plan.request.messages.map((m) => m.message.alert?.state ?? null);
    expect(states.filter((s) => s !== null)).toEqual(['firing', 'resolved']);
  });

  it('declares at the report, mitigates when the alert resolved, resolves at the last message', () => {
    const { times } = planImport(exported, NO_BOUNDS, null).request;
    expect(times).toEqual({
      declaredAt: at('2026-03-12T13:55:02Z'),
      reporterId: 'U0ALICE',
      detectedByReporter: false,
      mitigatedAt: at('2026-03-12T14:31:20Z'),
      mitigation: 'the alert CheckoutErrors resolved',
      resolvedAt: at('2026-03-13T09:00:00Z'),
    });
  });

  it('keeps explicit bounds and counts what falls outside them', () => {
    const bounds = { from: bound('2026-03-12 13:55', 'from'), to: bound('2026-03-12 15:02', 'to') };
    const plan = planImport(exported, bounds, 'Checkout 500s');
    expect(plan.request.title).toBe('Checkout 500s');
    expect(plan.counts).toMatchObject({ recorded: 7, before: 2, after: 1, alerts: 1 });
    // The alert fired before the window, so the reporter is who noticed it.
    expect(plan.request.times).toMatchObject({ detectedByReporter: true, reporterId: 'U0ALICE' });
  });

  it('refuses a window with no messages', () => {
    const bounds = { from: bound('2026-03-14', 'from'), to: null };
    expect(() => planImport(exported, bounds, null)).toThrow(/#inc-checkout has no messages/);
  });

  it('names people by their real names and keeps their time zones', () => {
    expect(exported.people).toContainEqual({
      id: 'U0ALICE',
      name: 'Alice Example',
      tz: 'Europe/Berlin',
    });
  });
});

describe('readings of single messages', () => {
  async function planOf(messages: unknown[]) {
    const others = Object.entries(fixtureFiles()).filter(([n]) => !n.startsWith('inc-checkout/'));
    const dir = writeExportDir(
      {
        ...Object.fromEntries(others),
        'inc-checkout/2026-03-12.json': text(JSON.stringify(messages)),
      },
      mkdtempSync(join(tmpdir(), 'scribe-plan-')),
    );
    return planImport(await readSlackExport(dir, 'inc-checkout'), NO_BOUNDS, null);
  }

  it('takes an edited alert message at its edit time, in its last state', async () => {
    const plan = await planOf([
      {
        type: 'message',
        subtype: 'bot_message',
        username: 'Alertmanager',
        bot_id: 'B0ALERTS',
        text: '',
        ts: '1773323561.000100',
        edited: { user: 'B0ALERTS', ts: '1773326000.000000' },
        attachments: [{ color: 'danger', title: '[FIRING:2] CheckoutErrors (checkout prod)' }],
      },
    ]);
    const [item] = plan.request.messages;
    expect(item?.changes.map((c) => c.kind)).toEqual(['edited']);
    expect(item?.changes[0]).toMatchObject({ at: 1773326000000 });
  });

  it('keeps a deleted thread parent (tombstone) in place, without its words', async () => {
    const plan = await planOf([
      {
        type: 'message',
        subtype: 'tombstone',
        user: 'USLACKBOT',
        text: 'This message was deleted.',
        ts: '1773323561.000100',
        thread_ts: '1773323561.000100',
        reply_count: 1,
      },
      {
        type: 'message',
        user: 'U0BOB',
        text: 'still here',
        ts: '1773323600.000100',
        thread_ts: '1773323561.000100',
      },
    ]);
    expect(plan.request.messages[0]?.changes.map((c) => c.kind)).toEqual(['posted', 'deleted']);
    expect(plan.counts).toMatchObject({ recorded: 2, threads: 1 });
  });

  it('counts a message repeated under the same ts once, and the repeat as ignored', async () => {
    const message = { type: 'message', user: 'U0BOB', text: 'hi', ts: '1773323561.000100' };
    const plan = await planOf([
      message,
      message,
      { type: 'message', user: 'U0BOB', text: 'no ts' },
    ]);
    expect(plan.counts.recorded).toBe(1);
    expect(Object.fromEntries(plan.counts.ignored)).toEqual({ 'repeated ts': 1, 'no ts': 1 });
  });
});
