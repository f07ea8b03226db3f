import { declareIncident, isRefusal, type Refusal } from '../domain/incident.ts';
import type { Incident, Severity } from '../domain/types.ts';
import { announce, quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

export interface StartIncidentInput {
  channelId: string;
  userId: string;
  title: string;
  severity: Severity | null;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

export async function startIncident(
  deps: Deps,
  input: StartIncidentInput,
): Promise<CommandOutcome> {
  const { store, notifier, clock } = deps;
  const now = clock.now();
  let incident: Incident | Refusal;
  try {
    incident = store.transaction(() => {
      const open = store.incidents.findOpenInChannel(input.channelId);
      const result = declareIncident(open, { ...input, reporterId: input.userId }, now);
      if (isRefusal(result)) return result;
      const saved = store.incidents.insert(result.incident);
      store.incidents.addEvent({ ...result.event, incidentId: saved.id });
      return saved;
    });
  } catch (error) {
    // Two people declaring at the same moment: the database's one-open-incident rule decides.
    if (!isUniqueViolation(error)) throw error;
    return { reply: 'Someone just declared an incident in this channel. Use that one.' };
  }
  if (isRefusal(incident)) return { reply: incident.refused };

  rememberPeople(deps, [input.userId]);
  const joined = await notifier.join(input.channelId).catch(() => false);
  const postProblem = await announce(deps, input.channelId, {
    text:
      `:rotating_light: *Incident declared: ${quoteUserText(deps, incident.title)}* ` +
      `(${incident.severity.toUpperCase()}) by <@${input.userId}>.\n` +
      'Everything said in this channel is now recorded for the post-mortem. ' +
      'Name a lead with `/lead @someone`, add actions with `/action`, post updates with ' +
      '`/incident status`, and close with `/incident resolve`.',
  });
  const problems = [
    postProblem,
    joined
      ? null
      : 'I am not a member of this channel, so I cannot record what is said here. ' +
        'Invite me with `/invite @incident-scribe`.',
  ].filter((p) => p !== null);
  return { reply: problems.length > 0 ? `Incident declared. ${problems.join(' ')}` : null };
}
