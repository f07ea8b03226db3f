import { isRefusal } from '../domain/incident.ts';
import {
  describeState,
  type PostmortemLife,
  type PostmortemStep,
  stepPostmortem,
} from '../domain/postmortem-life.ts';
import { announce, quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps, PostmortemTarget } from './ports.ts';

const NO_INCIDENT = 'There is no incident in this channel yet.';

/**
 * `/incident review`, `/incident publish`, `/incident skip-postmortem <reason>` (and the reminder's
 * button): one step in the post-mortem's life of the channel's latest incident, stored with who
 * took it; the channel hears what changed.
 */
export async function takePostmortemStep(
  deps: Deps,
  input: {
    target: PostmortemTarget;
    userId: string;
    step: PostmortemStep;
    reason?: string | null;
  },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const result = await deps.store.postmortemStates.change(input.target, (incident, life) =>
    stepPostmortem(incident, life, input.step, input.userId, now, input.reason ?? null),
  );
  if (result === null) return { reply: NO_INCIDENT };
  if (isRefusal(result)) return { reply: result.refused };
  const people = await deps.store.people.directory();
  const text = changeText(result.before, result.life, input.userId, (t) =>
    quoteUserText(people, t),
  );
  const problem = await announce(deps, result.incident.channelId, { text });
  return { reply: problem ?? ('incidentId' in input.target ? text : null) };
}

function changeText(
  before: PostmortemLife,
  after: PostmortemLife,
  userId: string,
  quote: (text: string) => string,
): string {
  const was = `(was ${describeState(before.state)})`;
  const reason = after.skipReason === null ? '' : `: ${quote(after.skipReason)}`;
  return `:memo: The post-mortem is now *${describeState(after.state)}* ${was}, by <@${userId}>${reason}.`;
}
