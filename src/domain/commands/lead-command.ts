import { parseLeadMention } from './mentions.ts';
import { LEAD_USAGE, type Parsed, usageError } from './usage.ts';

export type LeadCommand = { kind: 'lead'; userId: string };

/** The standalone `/lead @person` command; same rules as `/incident lead`. */
export function parseLeadCommand(text: string): Parsed<LeadCommand> {
  const lead = parseLeadMention(text, '/lead @alice');
  return lead.ok
    ? { ok: true, command: { kind: 'lead', userId: lead.userId } }
    : usageError(lead.error, LEAD_USAGE);
}
