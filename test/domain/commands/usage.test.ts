import { describe, expect, it } from 'vitest';
import { ACTION_USAGE, INCIDENT_USAGE, LEAD_USAGE } from '../../../src/domain/commands/index.ts';

describe('usage texts', () => {
  it.each([
    '`/incident start <title> [sev1-4] [--channel]`',
    '`/incident start Checkout errors sev2`',
    '`/incident lead @person`',
    '`/incident status <text>`',
    '`/incident started <time>`',
    '`/incident detected <time> [by monitoring|customer|@person]`',
    '`/incident mitigated [time] [note]`',
    '`/incident mitigated 14:05 Traffic failed over`',
    '`/incident resolve [time] [note]`',
    '`/incident note <text>`',
    '`/incident sev <1-4>`',
    '`/incident timeline`',
    '`/incident reopen`',
    '`/incident help`',
  ])('lists %s in the incident help', (fragment) => {
    expect(INCIDENT_USAGE).toContain(fragment);
  });

  it('gives every incident subcommand a line that starts with its form', () => {
    const subcommands = [
      'start',
      'lead',
      'status',
      'started',
      'detected',
      'mitigated',
      'resolve',
      'note',
      'sev',
      'tag',
      'untag',
      'category',
      'timeline',
      'summary|impact|cause',
      'learning',
      'postmortem',
      'review',
      'publish',
      'skip-postmortem',
      'reopen',
      'stats',
      'help',
    ];
    const listed = INCIDENT_USAGE.split('\n')
      .map((line) => /^• `\/incident (\S+?)[` ]/.exec(line)?.[1])
      .filter((name) => name !== undefined);
    expect(listed).toEqual(subcommands);
  });

  it('shows the incident help in order: declare, times, notes and severity, timeline and post-mortem, reopen, help', () => {
    const headings = INCIDENT_USAGE.split('\n').filter((line) => /^\*[^`]/.test(line));
    expect(headings.map((line) => /^\*([^*]+)\*/.exec(line)?.[1])).toEqual([
      'Declare and run',
      'Times',
      'Notes and severity',
      'Describe it',
      'Timeline and post-mortem',
      'Reopen',
      'Numbers',
      'Help',
    ]);
  });

  it.each([
    ['incident', INCIDENT_USAGE],
    ['action', ACTION_USAGE],
    ['lead', LEAD_USAGE],
  ])('keeps the %s help within the 3000 characters of a Slack section', (_name, usage) => {
    expect(usage.length).toBeLessThanOrEqual(3000);
  });

  it.each([
    '`/action <text> [@owner] [due <date>] [p1|p2|p3]`',
    '`/action Add alert on queue depth @bob due friday`',
    '`/action Rotate the leaked key p1`',
    '`/action list [mine|open|all]`',
    '`/action list mine`',
    '`/action done <id>`',
    '`/action done 12`',
    '`/action assign <id> @person`',
    '`/action assign 12 @bob`',
    '`/action due <id> <date>`',
    '`/action due 12 next week`',
    '`/action drop <id> <reason>`',
    '`/action drop 12 Covered by the new alert`',
    '`/action help`',
    '`next week`',
  ])('lists %s in the action help', (fragment) => {
    expect(ACTION_USAGE).toContain(fragment);
  });

  it('gives every action form a line with an example', () => {
    const lines = ACTION_USAGE.split('\n').filter((line) => line.startsWith('• '));
    const forms = lines.map((line) => /^• `\/action (\S+?)[` ]/.exec(line)?.[1]);
    expect(forms).toEqual([
      '<text>',
      'list',
      'done',
      'export',
      'assign',
      'due',
      'drop',
      'purpose',
      'help',
    ]);
    for (const line of lines.filter((l) => !l.includes('/action help'))) {
      expect(line).toContain('e.g. `/action ');
    }
  });

  it('shows the /lead form with an example', () => {
    expect(LEAD_USAGE).toContain('`/lead @person`');
    expect(LEAD_USAGE).toContain('`/lead @alice`');
  });
});
