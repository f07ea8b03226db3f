import { resolve } from '../domain/incident.ts';
import { announce, withNote } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { publishDraft } from './publish-draft.ts';
import { transitionOpenIncident } from './transition.ts';

export async function resolveIncident(
  deps: Deps,
  input: { channelId: string; userId: string; note: string | null },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const applied = transitionOpenIncident(deps, input.channelId, (incident) =>
    resolve(incident, input.note, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  const note = withNote(deps, input.note);
  const problems = [
    await announce(deps, input.channelId, {
      text: `:white_check_mark: *Resolved* by <@${input.userId}>${note} Recording has stopped; the draft post-mortem follows.`,
    }),
    await publishDraft(deps, applied.incident.id),
  ].filter((p) => p !== null);
  return { reply: problems.length > 0 ? problems.join(' ') : null };
}
