import { addNote as noteTransition } from '../domain/incident.ts';
import { announce, quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { transitionOpenIncident } from './transition.ts';

/** `/incident note <text>`: a key event, stamped now. */
export async function addNote(
  deps: Deps,
  input: { channelId: string; userId: string; text: string },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    noteTransition(incident, input.text, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  return {
    reply: await announce(deps, input.channelId, {
      text: `:pushpin: *Note* from <@${input.userId}>: ${quoteUserText(await deps.store.people.directory(), input.text)}`,
    }),
  };
}
