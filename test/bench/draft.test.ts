import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureDrafts } from '../../bench/draft.ts';
import { measureRunningBotDraft } from '../../bench/draft-running-bot.ts';
import { seedIncident } from '../../bench/seed.ts';
import { tempDir } from '../../bench/shared.ts';
import { renderPostmortemMarkdown } from '../../src/domain/postmortem/markdown.ts';
import { summaryOf } from '../../src/domain/postmortem/summary.ts';
import { threadDraftComposer } from '../../src/jobs/draft-thread.ts';
import { postmortemBlocks } from '../../src/slack/blocks/postmortem.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { markdownText } from '../../src/usecases/draft-markdown.ts';
import { composeDraft, draftWithMarkdown } from '../../src/usecases/publish-draft.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function seeded(messages: number) {
  const dir = tempDir('scribe-bench-test-');
  const database = openDatabase(join(dir.path, 'scribe.db'));
  cleanups.push(() => {
    database.close();
    dir.remove();
  });
  const store = createStore(database.db);
  const id = seedIncident(database.db, { channelId: 'CTEST', messages, resolved: true });
  return { store, id, file: database.sqlite.name };
}

describe('draft benchmark core', () => {
  it('seeds the realistic mix: every message stored once, alerts and threads among them', async () => {
    const { store, id } = seeded(200);
    const messages = (await store.incidents.snapshot(id))?.messages ?? [];
    expect(messages).toHaveLength(200);
    expect(new Set(messages.map((m) => m.ts)).size).toBe(200);
    expect(messages.some((m) => m.alert !== null)).toBe(true);
    expect(messages.some((m) => m.threadTs !== null)).toBe(true);
    expect(messages.some((m) => m.editedAt !== null)).toBe(true);
  });

  it('measures a 200-message draft in a child process', async () => {
    const [result] = await measureDrafts([200], 1);
    expect(result?.messages).toBe(200);
    expect(result?.compose).toHaveLength(1);
    expect(result?.markdownBytes).toBeGreaterThan(10_000);
    expect(result?.peakRssMb).toBeGreaterThan(0);
  }, 60_000);

  it('resolves a seeded incident on a running bot and measures it until the file is uploaded', async () => {
    const result = await measureRunningBotDraft(300, 'tsx');
    expect(result.messages).toBe(300);
    expect(result.markdownBytes).toBeGreaterThan(10_000);
    expect(result.idleRssMb).toBeGreaterThan(0);
    expect(result.peakRssMb).toBeGreaterThanOrEqual(result.idleRssMb);
    expect(result.draftMs).toBeGreaterThan(0);
  }, 300_000);

  it('a draft composed in a worker thread is the draft composed in-process', async () => {
    const { store, id, file } = seeded(300);
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as never;
    const deps = { store, timeZone: 'Europe/Berlin', clock: { now: () => 1_800_000_000_000 } };
    // A threshold of 0 sends even this small draft to the worker thread.
    const draftComposer = threadDraftComposer(file);
    const off = await draftWithMarkdown({ ...deps, logger, draftComposer }, id, 0);
    expect(warnings).toEqual([]);
    const inline = await composeDraft(deps, id);
    if (!off || !inline) throw new Error('no draft');
    expect(markdownText(off.markdown)).toBe(renderPostmortemMarkdown(inline));
    const options = { incidentId: id, file: { permalink: 'https://x/y' }, uploadFailed: false };
    expect(off.draft).toEqual(summaryOf(inline));
    // The worker's fingerprint is the one the event loop hashes for a draft it composes itself.
    const here = await draftWithMarkdown({ ...deps, logger }, id);
    expect(off.fingerprint).toBe(here?.fingerprint);
    expect(postmortemBlocks(off.draft, options)).toEqual(
      postmortemBlocks(summaryOf(inline), options),
    );
  }, 60_000);
});
