import { describe, expect, it } from 'vitest';
import { findBlamingLanguage } from '../../../src/domain/postmortem/blameless.ts';

const phrases = (text: string) =>
  findBlamingLanguage([{ where: 'Summary', text }]).map((f) => f.phrase);

describe('findBlamingLanguage', () => {
  it.each([
    ["It was Bob's fault", "Bob's fault"],
    ['It was Bob’s fault', 'Bob’s fault'],
    ['the fault of the release manager', 'fault of'],
    ['whose fault was this?', 'whose fault'],
    ['Dave is at fault here', 'at fault'],
    ['I blame the deploy team', 'blame'],
    ['they blamed ops', 'blamed'],
    ['Classic HUMAN ERROR.', 'HUMAN ERROR'],
    ['operator error on the console', 'operator error'],
    ['we should have known', 'should have known'],
    ['QA should’ve caught that', 'should’ve caught'],
    ['he should never have pushed on Friday', 'should never have pushed'],
    ['that was careless', 'careless'],
    ['sloppy review', 'sloppy'],
    ['a lazy fix', 'lazy'],
    ['incompetent handling', 'incompetent'],
    ['a stupid change', 'stupid'],
    ['who broke prod?', 'who broke'],
    ['Who pushed this', 'Who pushed'],
    ['who deployed 4.2.0', 'who deployed'],
    ["he didn't bother to check", "didn't bother"],
    ['she didn’t bother', 'didn’t bother'],
    ['someone forgot to renew the cert', 'forgot to'],
    ['not my fault', 'not my fault'],
    ['it wasn’t my fault', 'n’t my fault'],
    ['we messed up', 'messed up'],
    ['Ops screwed up the rollout', 'screwed up'],
    ['on-call dropped the ball', 'dropped the ball'],
    ['rookie mistake', 'rookie mistake'],
    ['they should have been more careful', 'been more careful'],
    ['his mistake cost us an hour', 'his mistake'],
    ['what were you thinking', 'what were you thinking'],
    ['they ignored the alert for an hour', 'ignored the alert'],
  ])('finds %j', (text, phrase) => {
    expect(phrases(text)).toEqual([phrase]);
  });

  it.each([
    'the fault tolerance layer dropped requests',
    'fault-tolerant storage',
    "the disk's fault tolerance",
    'we ran fault injection tests',
    'a blameless post-mortem',
    'we keep a blame-free culture',
    'no blame, just learning',
    'a no-blame review',
    "don't blame anyone",
    'nobody is to blame',
    "it's nobody's fault",
    'no one’s fault really',
    'the module is lazy loaded',
    'lazy-loading the images',
    'a dumb pipe between services',
    "don't forget to restart",
    'we should have an alert for this',
    'who owns the checkout service?',
    'the alert fired at 14:02',
    'faulty disk replaced',
    'blameworthy?', // one word: not the verb
  ])('leaves %j alone', (text) => {
    expect(phrases(text)).toEqual([]);
  });

  it('quotes the sentence around the phrase, with where it was found and a suggestion', () => {
    const findings = findBlamingLanguage([
      {
        where: "Bob's message at 14:05:09 UTC",
        text: 'Errors are back. Honestly this is Carol’s fault! Rolling back now.',
      },
    ]);
    expect(findings).toEqual([
      {
        where: "Bob's message at 14:05:09 UTC",
        quote: 'Honestly this is Carol’s fault!',
        phrase: 'Carol’s fault',
        suggestion: 'Describe what the system allowed to happen: which safeguard was missing?',
      },
    ]);
  });

  it('treats a line break as the end of a sentence', () => {
    const [finding] = findBlamingLanguage([
      { where: 'Impact', text: 'first line\nsomeone forgot to scale the pool\nlast line' },
    ]);
    expect(finding?.quote).toBe('someone forgot to scale the pool');
  });

  it('cuts a long sentence around the phrase, never past 200 characters', () => {
    const text = `${'a '.repeat(300)}this was careless ${'b '.repeat(300)}`;
    const [finding] = findBlamingLanguage([{ where: 'Summary', text }]);
    expect(finding?.quote.length).toBeLessThanOrEqual(200);
    expect(finding?.quote).toMatch(/^….*this was careless.*…$/);
  });

  it('reports each pattern once per source, in text order', () => {
    const findings = findBlamingLanguage([
      { where: 'A', text: 'Careless. So careless. And who pushed it? Careless again.' },
      { where: 'B', text: 'careless' },
    ]);
    expect(findings.map((f) => [f.where, f.phrase])).toEqual([
      ['A', 'Careless'],
      ['A', 'who pushed'],
      ['B', 'careless'],
    ]);
  });

  it('reports overlapping phrases once, as the more specific one', () => {
    const findings = findBlamingLanguage([{ where: 'A', text: 'it is not my fault' }]);
    expect(findings.map((f) => f.phrase)).toEqual(['not my fault']);
    expect(findings[0]?.suggestion).toMatch(/causes, not culprits/);
  });

  it('never changes the text it quotes', () => {
    const text = 'Who  deployed   THIS?';
    const [finding] = findBlamingLanguage([{ where: 'A', text }]);
    // Only spacing is condensed for the quote; words and case stay as written.
    expect(finding?.quote).toBe('Who deployed THIS?');
  });
});
