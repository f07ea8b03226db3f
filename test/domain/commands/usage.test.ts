import { describe, expect, it } from 'vitest';
import { ACTION_USAGE, INCIDENT_USAGE, LEAD_USAGE } from '../../../src/domain/commands/index.ts';

describe('usage texts', () => {
  it.each([
    '`/incident start <title> [sev1-4]` — declare an incident in this channel',
    '`/incident start Checkout errors sev2`',
    '`/incident lead @person`',
    '`/incident status <text>`',
    '`/incident mitigated [note]`',
    '`/incident resolve [note]`',
    '`/incident help`',
  ])('lists %s in the incident help', (fragment) => {
    expect(INCIDENT_USAGE).toContain(fragment);
  });

  it.each([
    '`/action <text> [@owner] [due <date>]`',
    '`/action Add alert on queue depth @bob due friday`',
    '`/action list`',
    '`/action help`',
    '`next week`',
  ])('lists %s in the action help', (fragment) => {
    expect(ACTION_USAGE).toContain(fragment);
  });

  it('shows the /lead form with an example', () => {
    expect(LEAD_USAGE).toContain('`/lead @person`');
    expect(LEAD_USAGE).toContain('`/lead @alice`');
  });
});
