import { describe, expect, it } from 'vitest';
import { buildTranscript } from '../../../src/domain/postmortem/transcript.ts';
import { aMessage, anAlert, at, people } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

describe('buildTranscript', () => {
  it('lists every message in time order with replies under their parent', () => {
    const parent = aMessage({ postedAt: at(14, 10), text: 'parent' });
    const lines = buildTranscript(
      [
        aMessage({ postedAt: at(14, 30), userId: 'U0BOB', text: 'later' }),
        aMessage({ postedAt: at(14, 40), threadTs: parent.ts, userId: 'U0CAROL', text: 'reply' }),
        parent,
        aMessage({ postedAt: at(14, 5), text: 'first' }),
      ],
      people,
    );
    expect(lines.map((l) => [l.depth, l.actor, l.text])).toEqual([
      [0, 'Alice', 'first'],
      [0, 'Alice', 'parent'],
      [1, 'Carol', 'reply'],
      [0, 'Bob', 'later'],
    ]);
  });

  it('keeps full plain text, line breaks included', () => {
    const text = `${'long '.repeat(200)}\n<@U0BOB> &amp; <https://x.example|dash>`;
    const [line] = buildTranscript([aMessage({ text })], people);
    expect(line?.text).toBe(`${'long '.repeat(199)}long \n@Bob & dash (https://x.example)`);
  });

  it('marks deleted messages without keeping a word of them', () => {
    const [line] = buildTranscript(
      [aMessage({ text: 'secret token abc', deleted: true, editedAt: at(14, 11) })],
      people,
    );
    expect(line).toEqual({
      at: at(14, 10),
      actor: 'Alice',
      text: '',
      depth: 0,
      edited: true,
      deleted: true,
      isBot: false,
    });
  });

  it('names bots, marks edits, and shows an attachment-only alert by its title', () => {
    const lines = buildTranscript(
      [
        anAlert({ state: 'firing', title: '[FIRING:1] HighErrorRate' }, { postedAt: at(14, 1) }),
        aMessage({ postedAt: at(14, 2), isBot: true, userId: null, botName: null, text: 'beep' }),
        aMessage({ postedAt: at(14, 3), editedAt: at(14, 4) }),
      ],
      people,
    );
    expect(lines.map((l) => [l.actor, l.text, l.isBot, l.edited])).toEqual([
      ['Alertmanager', '[FIRING:1] HighErrorRate', true, false],
      ['bot', 'beep', true, false],
      ['Alice', 'looking into it', false, true],
    ]);
  });

  it('keeps a reply whose parent was not recorded, at its own time', () => {
    const lines = buildTranscript(
      [
        aMessage({ postedAt: at(14, 20), text: 'after' }),
        aMessage({ postedAt: at(14, 15), threadTs: '1.000100', text: 'orphan' }),
      ],
      people,
    );
    expect(lines.map((l) => [l.depth, l.text])).toEqual([
      [0, 'orphan'],
      [0, 'after'],
    ]);
  });

  it('keeps replies under a deleted parent', () => {
    const { messages } = checkoutIncident();
    const parent = aMessage({ postedAt: at(14, 10), deleted: true });
    const reply = aMessage({ postedAt: at(14, 11), threadTs: parent.ts, text: 'still here' });
    const lines = buildTranscript([...messages.slice(0, 1), parent, reply], people);
    expect(lines.slice(1).map((l) => [l.depth, l.deleted, l.text])).toEqual([
      [0, true, ''],
      [1, false, 'still here'],
    ]);
  });
});
