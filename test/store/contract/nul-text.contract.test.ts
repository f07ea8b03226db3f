import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorableChange, Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { ENGINES, type OpenedEngine } from './engines.ts';
import { edited, posted } from './incident-fixtures.ts';

// The one known difference between the engines (docs/architecture.md): PostgreSQL's text cannot
// hold U+0000, so its store writes U+FFFD instead; SQLite keeps the character. Either way the
// text is stored, nothing else in it changes, and an event carrying one is not refused forever.

const NUL = '\u0000';
const KEPT: Record<'sqlite' | 'postgres', string> = {
  sqlite: NUL,
  postgres: '\uFFFD',
};

describe.each(ENGINES)('text containing U+0000 ($name)', (engine) => {
  let opened: OpenedEngine;
  let store: Store;
  const kept = (text: string) => text.replaceAll(NUL, KEPT[engine.name]);

  beforeEach(async () => {
    opened = await engine.open();
    store = opened.store;
  });

  afterEach(() => opened.close());

  it('stores an incident title and its declared event, and reads them back', async () => {
    const title = `DB${NUL}down ${NUL}`;
    const { id } = await storedIncident(store, { title });
    expect((await store.incidents.get(id))?.title).toBe(kept(title));
    expect((await store.incidents.findOpenInChannel('C0INC'))?.title).toBe(kept(title));
    expect((await store.incidents.events(id))[0]?.text).toBe(kept(title));
  });

  it('stores a message event and an edit of it, each once, and reads them back', async () => {
    const { id } = await storedIncident(store);
    const text = `restarting${NUL}the primary`;
    const change = posted('1.000100', { text }, { text });
    const record = (eventId: string, c: StorableChange = change) =>
      store.messages.recordEvent({ channelId: 'C0INC', eventId, change: c, now: at(14, 10) });
    expect(await record('EvNul1')).toBe('recorded');
    // Slack's redelivery of the same event is a duplicate, not a second failure.
    expect(await record('EvNul1')).toBe('duplicate');
    const fixed = `${NUL}fixed`;
    expect(await record('EvNul2', edited('1.000100', fixed, at(14, 12)))).toBe('edited');
    const messages = (await store.incidents.snapshot(id))?.messages ?? [];
    expect(messages.map((m) => m.text)).toEqual([kept(fixed)]);
    expect(await store.messages.countForIncident(id)).toBe(1);
  });

  it('stores a draft whose Markdown quotes such a message, split into parts', async () => {
    const { id } = await storedIncident(store);
    const markdown = `# Draft\n\n> a${NUL}b\n`.repeat(10);
    const draft = await store.postmortems.storePending(id, markdown, at(15, 0), { partChars: 7 });
    if (!draft) throw new Error('the draft was not stored');
    expect(await store.postmortems.markdownOf(draft.id)).toBe(kept(markdown));
  });

  it('stores a draft given as UTF-8 bytes with such a character, split into parts', async () => {
    const { id } = await storedIncident(store);
    const markdown = `# Draft 📌\n\n> a${NUL}b\n`.repeat(10);
    const bytes = new TextEncoder().encode(markdown);
    const parts = [bytes.slice(0, 9), bytes.slice(9)];
    const draft = await store.postmortems.storePending(id, parts, at(15, 0), { partChars: 7 });
    if (!draft) throw new Error('the draft was not stored');
    expect(await store.postmortems.markdownOf(draft.id)).toBe(kept(markdown));
  });

  it('leaves text without U+0000 exactly as written', async () => {
    const title = 'Checkout \uFFFD 500s ✅ \\u0000';
    const { id } = await storedIncident(store, { title });
    expect((await store.incidents.get(id))?.title).toBe(title);
  });
});
