import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, SIGNING_SECRET, startHarness, tsAt } from '../helpers/harness.ts';
import { messageShortcutBody, postSigned } from '../helpers/slack-signer.ts';

const CHANNEL = 'CACT0001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
});

afterEach(async () => {
  await h.close();
});

async function cmd(command: string, text: string, userId = 'UANN') {
  const before = h.slack.callsTo('chat.postMessage').length;
  const result = await h.command({ userId, channelId: CHANNEL, command, text });
  return { result, before };
}

/** Runs a command that announces in the channel and waits for the announcement. */
async function posting(command: string, text: string, userId = 'UANN', posts = 1) {
  const { result, before } = await cmd(command, text, userId);
  await h.slack.waitForCall('chat.postMessage', before + posts);
  return result;
}

const actions = () =>
  h.rows(
    'select id, text, owner_id, due_date, status, kind, priority, drop_reason from actions order by id',
  );

describe('action items through the incident and after', () => {
  it('tasks during the incident, follow-ups after mitigation with a due date from severity', async () => {
    await posting('/incident', 'start Checkout errors sev2');
    await posting('/action', 'Page the DB team <@UBOB|bob> p1');
    await posting('/incident', 'mitigated');
    await posting('/action', 'Add a pool-size alert');
    expect(actions()).toEqual([
      expect.objectContaining({
        text: 'Page the DB team',
        owner_id: 'UBOB',
        kind: 'task',
        priority: 'p1',
        due_date: null,
      }),
      // sev2 follow-ups are due in 14 days.
      expect.objectContaining({
        text: 'Add a pool-size alert',
        kind: 'follow_up',
        due_date: '2026-12-05',
      }),
    ]);
  });

  it('done, assign, due and drop change one action and say so in the channel', async () => {
    await posting('/incident', 'start Checkout errors sev3');
    await posting('/incident', 'resolve', 'UANN', 2);
    await posting('/action', 'Write the runbook');
    await posting('/action', 'Add a canary stage');
    await posting('/action', 'assign 1 <@UBOB|bob>');
    await posting('/action', 'due 1 2026-12-10');
    await posting('/action', 'done 1', 'UBOB');
    expect(actions()[0]).toMatchObject({
      owner_id: 'UBOB',
      due_date: '2026-12-10',
      status: 'done',
    });

    // Dropping the last open follow-up closes the loop in the channel.
    await posting('/action', 'drop 2 covered by the platform team', 'UANN', 2);
    expect(actions()[1]).toMatchObject({
      status: 'dropped',
      drop_reason: 'covered by the platform team',
    });
    const last = h.slack.callsTo('chat.postMessage').at(-1);
    expect(String(last?.args.text)).toContain('All follow-ups of *Checkout errors* are closed');
  });

  it('refuses changes that make no sense, and writes nothing', async () => {
    await posting('/incident', 'start Checkout errors');
    await posting('/action', 'Write the runbook');
    await posting('/action', 'done 1');
    const before = actions();
    expect(await h.replyTo((await cmd('/action', 'done 1')).result)).toContain('already done');
    expect(await h.replyTo((await cmd('/action', 'done 42')).result)).toContain('no action #42');
    expect(actions()).toEqual(before);
    await posting('/action', 'Second one');
    const beforeDue = actions();
    expect(await h.replyTo((await cmd('/action', 'due 2 2020-01-01')).result)).toContain('past');
    expect((await cmd('/action', 'due 2 someday')).result.ackText).toContain('/action');
    expect(actions()).toEqual(beforeDue);
  });

  it('lists open, all and mine', async () => {
    await posting('/incident', 'start Checkout errors');
    await posting('/action', 'Task A <@UBOB|bob>');
    await posting('/action', 'Task B');
    await posting('/action', 'done 2');
    const open = await h.replyTo((await cmd('/action', 'list')).result);
    expect(open).toContain('Task A');
    expect(open).not.toContain('Task B');
    const all = await h.replyTo((await cmd('/action', 'list all')).result);
    expect(all).toContain('Task B');
    expect(all).toContain('done');
    const mine = await h.replyTo((await cmd('/action', 'list mine', 'UBOB')).result);
    expect(mine).toContain('Task A');
    expect(await h.replyTo((await cmd('/action', 'list mine')).result)).toContain(
      'no open action items',
    );
  });

  it('"Create action from message" turns a message into an action item', async () => {
    await posting('/incident', 'start Checkout errors');
    const responseUrl = h.slack.responseUrl();
    const res = await postSigned(
      h.url,
      messageShortcutBody({
        callbackId: 'create_action',
        userId: 'UANN',
        channelId: CHANNEL,
        responseUrl,
        message: {
          user: 'UBOB',
          text: 'we should alert on &lt;pool&gt; saturation <!here>',
          ts: tsAt(T0 + 60_000),
        },
      }),
      { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(res.status).toBe(200);
    expect(await h.replyTo({ status: 200, ackText: null, responseUrl })).toContain(
      '/action assign',
    );
    expect(h.rows('select text, source_ts from actions')).toEqual([
      { text: 'we should alert on <pool> saturation @here', source_ts: tsAt(T0 + 60_000) },
    ]);
    const posted = JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.args));
    expect(posted).not.toContain('<!here>');
  });
});
