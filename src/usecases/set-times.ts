import type { DetectedBy } from '../domain/commands/index.ts';
import { setDetected, setImpactStart } from '../domain/incident.ts';
import { slackTime } from '../domain/mrkdwn.ts';
import type { DetectionSource } from '../domain/types.ts';
import { announce } from './announce.ts';
import { callerTime } from './caller-time.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import { transitionOpenIncident } from './transition.ts';

/** `/incident started <time>`: when the impact really began. */
export async function setImpactStarted(
  deps: Deps,
  input: { channelId: string; userId: string; time: string },
): Promise<CommandOutcome> {
  const time = await callerTime(deps, input.userId, input.time);
  if (!time.ok || time.at === null) return { reply: time.ok ? null : time.reply };
  const at = time.at;
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    setImpactStart(incident, at, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  return {
    reply: await announce(deps, input.channelId, {
      text: `:clock3: Impact start set to ${slackTime(at, deps.timeZone, true)} by <@${input.userId}>.`,
    }),
  };
}

/** `/incident detected <time> [by monitoring|customer|@user]`: when and how we found out. */
export async function setDetectedAt(
  deps: Deps,
  input: { channelId: string; userId: string; time: string; by: DetectedBy | null },
): Promise<CommandOutcome> {
  const time = await callerTime(deps, input.userId, input.time);
  if (!time.ok || time.at === null) return { reply: time.ok ? null : time.reply };
  const at = time.at;
  const source: DetectionSource | null = input.by?.kind ?? null;
  const personId = input.by?.kind === 'person' ? input.by.userId : null;
  if (personId) await rememberPeople(deps, [personId]);
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    setDetected(incident, { at, source, personId }, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  const by =
    input.by === null
      ? ''
      : input.by.kind === 'person'
        ? ` by <@${input.by.userId}>`
        : ` by ${input.by.kind}`;
  return {
    reply: await announce(deps, input.channelId, {
      text: `:clock3: Detection set to ${slackTime(at, deps.timeZone, true)}${by} (set by <@${input.userId}>).`,
    }),
  };
}
