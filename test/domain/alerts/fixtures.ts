import { readdirSync, readFileSync } from 'node:fs';
import type { AlertRecogniser } from '../../../src/domain/alerts/index.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';

// Fixtures are whole Slack message events, named `<source>.<state>[.<case>].synthetic.json`.

const DIR = new URL('../../fixtures/alerts/', import.meta.url);

export function fixtureNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function fixture(name: string): SlackMessageLike {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as SlackMessageLike;
}

/** Every fixture another source owns, for "does not claim another tool's message". */
export function othersOf(source: string): Array<[string, SlackMessageLike]> {
  return fixtureNames()
    .filter((name) => !name.startsWith(`${source}.`))
    .map((name) => [name, fixture(name)]);
}

export function claimedElsewhere(recogniser: AlertRecogniser): string[] {
  return othersOf(recogniser.source)
    .filter(([, m]) => recogniser.recognise(m) !== null)
    .map(([name]) => name);
}

/** A person typing, however alarming the words. */
export function person(text: string): SlackMessageLike {
  return { text, ts: '1795269200.000100' };
}
