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
  let previous = '';
  const applied = transitionOpenIncident(deps, input.channelId, (incident) => {
    previous = incident.severity;
    return severityTransition(incident, input.severity, input.userId, now);
  });
  if (!applied.ok) return { reply: applied.reply };
  const sev = input.severity.toUpperCase();
  const problem = await announce(deps, input.channelId, {
    text: `:warning: Severity changed from ${previous.toUpperCase()} to *${sev}* by <@${input.userId}>.`,
  });
  await announceElsewhere(
    deps,
    applied.incident,
    `:warning: *${quoteUserText(deps, applied.incident.title)}* in <#${applied.incident.channelId}> is now ${sev}.`,
  );
  return { reply: problem };
}
