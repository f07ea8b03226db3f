import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createSlackNotifier } from '../../src/slack/notifier.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { deliverDraft } from '../../src/usecases/deliver-draft.ts';
import type { Deps, Notifier, Store } from '../../src/usecases/ports.ts';
import {
  composeForPublishing,
  publishComposed,
  SKIPPED,
} from '../../src/usecases/publish-draft.ts';
import { at } from '../domain/builders.ts';
import { storedIncident } from '../helpers/store.ts';
import { captureLogs } from '../helpers/test-clock.ts';
import { useStandIn } from '../stand-in/test-fixture.ts';

// Publishing a draft sends its file's bytes to Slack while the draft is stored, and shares the
// file only once the draft is stored: on a real SQLite file and the Slack stand-in.

const CHANNEL = 'CDRAFTFILE';
const fx = useStandIn();

let dir: string;
let opened: OpenedDb;
let logLines: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-draft-file-'));
  opened = openDatabase(join(dir, 'scribe.db'));
  logLines = [];
});

afterEach(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Setup {
  deps: Deps;
  incidentId: number;
  /** What happened, in order: the Slack calls as the stand-in saw them, and 'stored'. */
  events: string[];
  /** How each file send started by the use case ended (the use case's own promise untouched). */
  sends: Promise<'sent' | 'failed'>[];
}

/**
 * Deps over the SQLite file and the stand-in, with a resolved incident. `beforeStoring` runs
 * before the real storePending; the real notifier's sends are noted as they start.
 */
async function setUp(options: { beforeStoring?: () => Promise<void> } = {}): Promise<Setup> {
  fx.slack.addChannel({ id: CHANNEL, name: 'inc-draft-file' });
  const events: string[] = [];
  const sends: Promise<'sent' | 'failed'>[] = [];
  const store = createStore(opened.db);
  const draftStatus = () =>
    opened.sqlite
      .prepare<[], { status: string }>('select status from postmortems')
      .all()
      .map((r) => r.status);
  for (const method of ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']) {
    fx.slack.onCall(method, () => events.push(`${method} (drafts: ${draftStatus().join()})`));
  }
  const slack = createSlackNotifier(fx.client(), { userId: null, botId: null });
  const notifier: Notifier = {
    ...slack,
    sendFile(file) {
      const sending = slack.sendFile(file);
      sends.push(
        sending.then(
          () => 'sent',
          () => 'failed',
        ),
      );
      // A promise of its own: a failure is unhandled unless the use case handles it.
      return sending.then((sent) => sent);
    },
  };
  const postmortems: Store['postmortems'] = {
    ...store.postmortems,
    async storePending(...args) {
      await options.beforeStoring?.();
      const stored = await store.postmortems.storePending(...args);
      events.push(stored ? 'stored' : 'skipped');
      return stored;
    },
  };
  const { lines, sink } = captureLogs();
  logLines = lines;
  const deps: Deps = {
    store: { ...store, postmortems },
    notifier,
    clock: { now: () => at(16, 0) },
    logger: createLogger('debug', sink),
    timeZone: 'UTC',
    settings: {} as Deps['settings'],
    tracker: null,
  };
  const incident = await storedIncident(store, {
    channelId: CHANNEL,
    channelName: 'inc-draft-file',
    status: 'resolved',
    mitigatedAt: at(15, 0),
    resolvedAt: at(15, 30),
  });
  return { deps, incidentId: incident.id, events, sends };
}

async function publish(setup: Setup, unless?: () => boolean) {
  const composed = await composeForPublishing(setup.deps, setup.incidentId);
  if (!composed) throw new Error('the incident should exist');
  return publishComposed(setup.deps, setup.incidentId, composed, unless);
}

function uploads() {
  return [...fx.slack.uploads.values()];
}

describe('the draft file while the draft is stored', () => {
  it('sends the bytes before the draft is stored, and shares the file only once it is', async () => {
    // Storing waits for the bytes to reach Slack: it would wait forever if they were sent only
    // after storing.
    const setup = await setUp({
      beforeStoring: () => fx.slack.waitFor(() => uploads().some((u) => u.bytes !== null), 5_000),
    });
    expect(await publish(setup)).toBeNull();
    expect(setup.events).toEqual([
      'files.getUploadURLExternal (drafts: )',
      'upload (drafts: )',
      'stored',
      'files.completeUploadExternal (drafts: pending)',
    ]);
    const [file] = uploads();
    expect(file).toMatchObject({ completed: true, channels: [CHANNEL] });
    expect(file?.bytes?.toString('utf8')).toContain('# Post-mortem (draft)');
    expect(fx.slack.history(CHANNEL).map((m) => m.subtype ?? 'summary')).toEqual([
      'file_share',
      'summary',
    ]);
  });

  it('posts the summary saying the file could not be uploaded when the upload URL refuses it, leaving no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Storing goes on after the send has failed, so nothing waits for the failed send yet.
      const setup = await setUp({
        async beforeStoring() {
          expect(await setup.sends[0]).toBe('failed');
          await new Promise((done) => setImmediate(done));
        },
      });
      fx.slack.failNext('upload', { status: 413 });
      expect(await publish(setup)).toBe(
        'The draft is posted, but the full Markdown file could not be uploaded.',
      );
      await new Promise((done) => setImmediate(done));
      expect(unhandled).toEqual([]);
      expect(fx.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
      const [summary] = fx.slack.history(CHANNEL);
      expect(JSON.stringify(summary?.blocks)).toContain('could not be uploaded');
      expect(logLines.join('')).toContain('uploading the full draft failed');
      expect(opened.sqlite.prepare('select status, file_id from postmortems').all()).toEqual([
        { status: 'posted', file_id: null },
      ]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('never shares the file of a draft that was skipped', async () => {
    const setup = await setUp();
    expect(await publish(setup, () => true)).toBe(SKIPPED);
    await Promise.allSettled(setup.sends);
    expect(setup.sends).toHaveLength(1);
    expect(uploads()).toMatchObject([{ completed: false, channels: [] }]);
    expect(fx.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(fx.slack.history(CHANNEL)).toEqual([]);
  });

  it('never shares the file of a draft the store failed to keep', async () => {
    const setup = await setUp();
    opened.sqlite.exec(`create trigger refuse_drafts before insert on postmortems
      begin select raise(abort, 'database or disk is full'); end`);
    await expect(publish(setup)).rejects.toThrow('database or disk is full');
    await Promise.allSettled(setup.sends);
    expect(setup.sends).toHaveLength(1);
    expect(uploads()).toMatchObject([{ completed: false, channels: [] }]);
    expect(fx.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(fx.slack.history(CHANNEL)).toEqual([]);
  });
});

describe('delivering a draft stored earlier (the draft-delivery job)', () => {
  async function storedDraft(setup: Setup) {
    const composed = await composeForPublishing(setup.deps, setup.incidentId);
    if (!composed) throw new Error('the incident should exist');
    const stored = await setup.deps.store.postmortems.storePending(
      setup.incidentId,
      composed.markdown,
      at(16, 0),
    );
    if (!stored) throw new Error('the draft should be stored');
    return { stored, draft: composed.draft };
  }

  it('reads the stored Markdown back, sends it and shares it', async () => {
    const setup = await setUp();
    const { stored, draft } = await storedDraft(setup);
    expect(await deliverDraft(setup.deps, stored, draft)).toBeNull();
    expect(setup.events).toEqual([
      'stored',
      'files.getUploadURLExternal (drafts: pending)',
      'upload (drafts: pending)',
      'files.completeUploadExternal (drafts: pending)',
    ]);
    expect(uploads()[0]?.bytes?.toString('utf8')).toBe(
      await setup.deps.store.postmortems.markdownOf(stored.id),
    );
  });

  it('sends nothing again for a draft whose file was already shared', async () => {
    const setup = await setUp();
    const { stored, draft } = await storedDraft(setup);
    await setup.deps.store.postmortems.markUploaded(stored.id, {
      id: 'F0SHARED',
      permalink: 'https://example.slack.com/files/F0SHARED',
    });
    const again = await setup.deps.store.postmortems.get(stored.id);
    if (!again) throw new Error('the draft should be there');
    expect(await deliverDraft(setup.deps, again, draft)).toBeNull();
    expect(setup.sends).toHaveLength(0);
    expect(fx.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    expect(JSON.stringify(fx.slack.history(CHANNEL)[0]?.blocks)).toContain('F0SHARED');
  });
});
