import { assignLead } from '../domain/incident.ts';
import { announce } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import { transitionOpenIncident } from './transition.ts';

export async function setLead(
  deps: Deps,
  input: { channelId: string; userId: string; leadId: string },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    assignLead(incident, input.leadId, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  void rememberPeople(deps, [input.leadId, input.userId]);
  const problem = await announce(deps, input.channelId, {
    text: `:bust_in_silhouette: <@${input.leadId}> is now the incident lead (set by <@${input.userId}>).`,
  });
  return { reply: problem };
}
