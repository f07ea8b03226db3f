import { describe, expect, it } from 'vitest';
import { LEAD_USAGE, parseLeadCommand } from '../../../src/domain/commands/index.ts';

describe('parseLeadCommand', () => {
  it.each([
    ['<@U123ABC|alice>', 'U123ABC'],
    ['<@U123ABC>', 'U123ABC'],
    ['  <@W42|bob>\n', 'W42'],
  ])('takes the lead from %j', (text, userId) => {
    expect(parseLeadCommand(text)).toEqual({ ok: true, command: { kind: 'lead', userId } });
  });

  it.each([
    ['', 'Say who should lead, e.g. `/lead @alice`.'],
    ['@alice', 'autocomplete'],
    ['<@U1|a> <@U2|b>', 'exactly one person'],
    ['<@U1> and <@U2>', 'exactly one person'],
    ['<#C1|incidents>', 'is a channel'],
    ['help', 'Expected a single @mention of a person, e.g. `/lead @alice`; got `help`.'],
  ])('rejects %j with the /lead usage', (text, fragment) => {
    const result = parseLeadCommand(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(fragment);
    expect(result.usage).toBe(LEAD_USAGE);
  });
});
