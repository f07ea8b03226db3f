import { postStatus as statusTransition } from '../domain/incident.ts';
import { announce, quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { transitionOpenIncident } from './transition.ts';

export async function postStatus(
  deps: Deps,
  input: { channelId: string; userId: string; text: string },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    statusTransition(incident, input.text, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  const safe = quoteUserText(await deps.store.people.directory(), input.text);
  const problem = await announce(deps, input.channelId, {
    text: `:mega: *Status update* from <@${input.userId}>: ${safe}`,
  });
  return { reply: problem };
}
