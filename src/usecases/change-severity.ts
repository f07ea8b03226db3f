import { changeSeverity as severityTransition } from '../domain/incident.ts';
import type { Severity } from '../domain/types.ts';
import { announce, announceElsewhere, quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { transitionOpenIncident } from './transition.ts';

export async function changeSeverity(
  deps: Deps,
  input: { channelId: string; userId: string; severity: Severity },
): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    severityTransition(incident, input.severity, input.userId, now),
  );
  if (!applied.ok) return { reply: applied.reply };
  const sev = input.severity.toUpperCase();
  const previous = applied.before.severity.toUpperCase();
  const problem = await announce(deps, input.channelId, {
    text: `:warning: Severity changed from ${previous} to *${sev}* by <@${input.userId}>.`,
  });
  await announceElsewhere(
    deps,
    applied.incident,
    `:warning: *${quoteUserText(await deps.store.people.directory(), applied.incident.title)}* in <#${applied.incident.channelId}> is now ${sev}.`,
  );
  return { reply: problem };
}
