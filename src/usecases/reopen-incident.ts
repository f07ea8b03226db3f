import { isRefusal, reopen } from '../domain/incident.ts';
import { announce } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';

/** Opens the channel's most recent incident again; recording resumes. */
export async function reopenIncident(
  deps: Deps,
  input: { channelId: string; userId: string },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const result = await deps.store.incidents.change(input.channelId, ({ open, latest }) => {
    if (open) return { refused: 'This channel already has an open incident.' };
    if (!latest) return { refused: 'There is no incident in this channel to reopen.' };
    return reopen(latest, input.userId, now);
  });
  if (isRefusal(result)) return { reply: result.refused };
  return {
    reply: await announce(deps, input.channelId, {
      text: `:repeat: *Incident reopened* by <@${input.userId}>. Recording has resumed; resolve again to get an updated draft.`,
    }),
  };
}
