import { describe, expect, it } from 'vitest';
import { reminderMessage } from '../../../src/slack/blocks/reminder.ts';
import { anAction } from '../../domain/builders.ts';

describe('reminderMessage', () => {
  it('stays within 50 blocks for a long digest and says how many are left out', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      action: anAction({ id: i + 1, text: `Task ${i} <!channel>` }),
      incidentTitle: 'Checkout <!here> down',
      channelId: 'C0INC',
      snoozedUntil: null,
      reason: 'due' as const,
    }));
    const message = reminderMessage(items);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const json = JSON.stringify(message);
    expect(json).toContain('…and 85 more.');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!here>');
  });

  it('tells a lead why an unowned or given-up action reached them', () => {
    const unowned = reminderMessage([
      {
        action: anAction({ id: 4, ownerId: null }),
        incidentTitle: 'T',
        channelId: 'C1',
        snoozedUntil: null,
        reason: 'unowned',
      },
    ]);
    expect(JSON.stringify(unowned.blocks)).toContain('Nobody owns this yet');
    const abandoned = reminderMessage([
      {
        action: anAction({ id: 5, ownerId: 'U0BOB' }),
        incidentTitle: 'T',
        channelId: 'C1',
        snoozedUntil: null,
        reason: 'abandoned',
      },
    ]);
    expect(JSON.stringify(abandoned.blocks)).toContain('Over 90 days overdue');
    expect(JSON.stringify(abandoned.blocks)).toContain('reminder_reassign-5');
  });

  it('offers Done and both snoozes for open items, and a status line for closed ones', () => {
    const open = reminderMessage([
      {
        action: anAction({ id: 7 }),
        incidentTitle: 'T',
        channelId: 'C1',
        snoozedUntil: null,
        reason: 'due',
      },
    ]);
    expect(JSON.stringify(open.blocks)).toContain('reminder_snooze_week');
    const closed = reminderMessage([
      {
        action: anAction({ id: 7, status: 'done' }),
        incidentTitle: 'T',
        channelId: 'C1',
        snoozedUntil: null,
        reason: 'due',
      },
    ]);
    expect(JSON.stringify(closed.blocks)).not.toContain('reminder_done');
    expect(JSON.stringify(closed.blocks)).toContain('#7 is done');
  });
});
