import { mitigate as mitigateTransition } from '../domain/incident.ts';
import { announce, withNote } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { transitionOpenIncident } from './transition.ts';

export async function mitigateIncident(
  deps: Deps,
  input: { channelId: string; userId: string; note: string | null },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const applied = transitionOpenIncident(deps, input.channelId, (incident) =>
    mitigateTransition(incident, input.note, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  const note = withNote(deps, input.note);
  const problem = await announce(deps, input.channelId, {
    text: `:large_yellow_circle: *Mitigated* (marked by <@${input.userId}>)${note} Close with \`/incident resolve\` once it is fully fixed.`,
  });
  return { reply: problem };
}
