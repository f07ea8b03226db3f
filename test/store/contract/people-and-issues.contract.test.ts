import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { addedAction } from './action-fixtures.ts';
import { withPostgres } from './action-races.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// PeopleStore and ActionIssueStore on every engine: profiles upserted, unknown ids found, one
// GitHub issue per action (a repeated export stores nothing), what a sync asks about and in
// which order, and nothing written for an action that does not exist.

const issue = (actionId: number, number = 41) => ({
  actionId,
  number,
  url: `https://github.com/acme/ops/issues/${number}`,
  createdAt: at(15, 0),
});

describe.each(ENGINES)('people ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  it('stores a profile and updates it in place', async () => {
    await store.people.upsert({ id: 'U0BOB', name: 'Bob', tz: null }, at(9, 0));
    await store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: 'Europe/Paris' }, at(9, 0));
    expect(await store.people.timeZoneOf('U0BOB')).toBeNull();
    await store.people.upsert({ id: 'U0BOB', name: 'Robert', tz: 'America/Chicago' }, at(10, 0));
    expect(await store.people.timeZoneOf('U0BOB')).toBe('America/Chicago');
    expect(await store.people.timeZoneOf('U0ALICE')).toBe('Europe/Paris');
    expect(await store.people.directory()).toEqual(
      new Map([
        ['U0ALICE', 'Alice'],
        ['U0BOB', 'Robert'],
      ]),
    );
  });

  it('answers which ids have no profile yet, each once', async () => {
    expect(await store.people.directory()).toEqual(new Map());
    expect(await store.people.timeZoneOf('U0NOBODY')).toBeNull();
    await store.people.upsert({ id: 'U0BOB', name: 'Bob', tz: null }, at(9, 0));
    expect(await store.people.unknown([])).toEqual([]);
    expect(await store.people.unknown(['U0BOB', 'U0EVE', 'U0EVE', 'U0DAN'])).toEqual([
      'U0EVE',
      'U0DAN',
    ]);
    await store.people.upsert({ id: 'U0EVE', name: 'Eve', tz: null }, at(9, 1));
    expect(await store.people.unknown(['U0EVE', 'U0DAN', 'U0BOB'])).toEqual(['U0DAN']);
  });

  it('keeps one profile of the same person stored at once', async () => {
    await Promise.all(
      ['Bob', 'Bobby', 'Robert'].map((name) =>
        store.people.upsert({ id: 'U0BOB', name, tz: null }, at(9, 0)),
      ),
    );
    expect((await store.people.directory()).size).toBe(1);
  });
});

describe.each(ENGINES)('actionIssues ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  it('records one issue per action: a second export stores nothing', async () => {
    await storedIncident(store);
    const one = await addedAction(store, 'one');
    expect(await store.actionIssues.get(one.id)).toBeNull();
    expect(await store.actionIssues.insert(issue(one.id, 41))).toBe(true);
    expect(await store.actionIssues.insert(issue(one.id, 42))).toBe(false);
    expect(await store.actionIssues.get(one.id)).toEqual({
      ...issue(one.id, 41),
      state: 'open',
      checkedAt: null,
    });
  });

  it('refuses an issue for an action that does not exist, storing nothing', async () => {
    await expect(store.actionIssues.insert(issue(999))).rejects.toThrow();
    expect(await store.actionIssues.get(999)).toBeNull();
  });

  it("answers an incident's exported issues by action id, and no other incident's", async () => {
    const incident = await storedIncident(store);
    await storedIncident(store, { channelId: 'C0OTHER' });
    const one = await addedAction(store, 'one');
    await addedAction(store, 'not exported');
    const elsewhere = await addedAction(store, 'elsewhere', {}, 'C0OTHER');
    await store.actionIssues.insert(issue(one.id, 41));
    await store.actionIssues.insert(issue(elsewhere.id, 43));
    expect(await store.actionIssues.forIncident(incident.id)).toEqual(
      new Map([[one.id, { ...issue(one.id, 41), state: 'open', checkedAt: null }]]),
    );
    expect(await store.actionIssues.forIncident(999)).toEqual(new Map());
  });

  it('asks about open issues of open actions, never checked first, then least recently', async () => {
    await storedIncident(store);
    const [a, b, c, d, closedIssue, doneAction] = [
      await addedAction(store, 'a'),
      await addedAction(store, 'b'),
      await addedAction(store, 'c'),
      await addedAction(store, 'd'),
      await addedAction(store, 'issue closed'),
      await addedAction(store, 'action done', { status: 'done' }),
    ];
    for (const [i, action] of [a, b, c, d, closedIssue, doneAction].entries()) {
      await store.actionIssues.insert(issue(action.id, 50 + i));
    }
    await store.actionIssues.recordCheck(a.id, 'open', at(16, 5));
    await store.actionIssues.recordCheck(c.id, 'open', at(16, 0));
    await store.actionIssues.recordCheck(closedIssue.id, 'closed', at(16, 0));
    const toCheck = await store.actionIssues.openToCheck(10);
    expect(toCheck.map(({ action }) => action.text)).toEqual(['b', 'd', 'c', 'a']);
    expect(toCheck[0]).toEqual({
      action: b,
      issue: { ...issue(b.id, 51), state: 'open', checkedAt: null },
    });
    expect(toCheck[3]?.issue).toMatchObject({ checkedAt: at(16, 5) });
    expect((await store.actionIssues.openToCheck(2)).map(({ action }) => action.text)).toEqual([
      'b',
      'd',
    ]);
    expect(await store.actionIssues.get(closedIssue.id)).toMatchObject({
      state: 'closed',
      checkedAt: at(16, 0),
    });
  });

  it('records a check of an action without an issue as nothing', async () => {
    await store.actionIssues.recordCheck(999, 'closed', at(16, 0));
    expect(await store.actionIssues.get(999)).toBeNull();
  });
});

// On PostgreSQL, two replicas exporting one action made to meet on the server (action-races.ts).
describe('people and actionIssues (postgres, calls that meet on the server)', () => {
  it('records the first of several exports of one action, and only it', () =>
    withPostgres(async ({ store, startedTogether }) => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const exportAs = (number: number) => () => store.actionIssues.insert(issue(one.id, number));
      const answers = await startedTogether('action_issues', [
        exportAs(41),
        exportAs(42),
        exportAs(43),
      ]);
      expect(answers.filter(Boolean)).toHaveLength(1);
    }));

  it('keeps one profile of a person upserted by several replicas at once', () =>
    withPostgres(async ({ store, startedTogether }) => {
      const upsert = (name: string) => () =>
        store.people.upsert({ id: 'U0BOB', name, tz: null }, at(9, 0));
      await startedTogether('people', [upsert('Bob'), upsert('Bobby'), upsert('Robert')]);
      expect((await store.people.directory()).size).toBe(1);
    }));
});
