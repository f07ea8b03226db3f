import { mitigate as mitigateTransition } from '../domain/incident.ts';
import { slackTime } from '../domain/mrkdwn.ts';
import { announce, withNote } from './announce.ts';
import { callerTime } from './caller-time.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { transitionOpenIncident } from './transition.ts';

export async function mitigateIncident(
  deps: Deps,
  input: { channelId: string; userId: string; note: string | null; time: string | null },
): Promise<CommandOutcome> {
  const time = await callerTime(deps, input.userId, input.time);
  if (!time.ok) return { reply: time.reply };
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    mitigateTransition(incident, input.note, input.userId, now, time.at),
  );
  if (!applied.ok) return { reply: applied.reply };
  const when = time.at === null ? '' : ` as of ${slackTime(time.at, deps.timeZone, true)}`;
  const problem = await announce(deps, input.channelId, {
    text: `:large_yellow_circle: *Mitigated*${when} (marked by <@${input.userId}>)${withNote(await deps.store.people.directory(), input.note)} Close with \`/incident resolve\` once it is fully fixed.`,
  });
  return { reply: problem };
}
