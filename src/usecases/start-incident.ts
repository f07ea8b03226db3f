import { declareIncident, isRefusal, type Refusal } from '../domain/incident.ts';
import type { Incident, Severity } from '../domain/types.ts';
import { announce, announceElsewhere, quoteUserText } from './announce.ts';
import { findRelatedQuietly } from './find-related.ts';
import { openIncidentChannel } from './open-incident-channel.ts';
import { type CommandOutcome, type Deps, failureCode } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import { suggestFromChannelName } from './suggest-services.ts';
import { syncHistory } from './sync-history.ts';

export interface StartIncidentInput {
  channelId: string;
  channelName: string | null;
  userId: string;
  title: string;
  severity: Severity | null;
  /** Create a dedicated `inc-…` channel (also the default with INCIDENT_NEW_CHANNEL). */
  newChannel: boolean;
}

function declare(
  deps: Deps,
  input: StartIncidentInput,
  channel: { id: string; name: string | null },
): Promise<Incident | Refusal> {
  const now = deps.clock.now();
  // Two people declaring at the same moment: the store lets one win, the other sees it open.
  return deps.store.incidents.open(channel.id, (open) =>
    declareIncident(
      open,
      // Private until Slack says otherwise: nothing leaves the channel before we know.
      {
        ...input,
        channelId: channel.id,
        channelName: channel.name,
        reporterId: input.userId,
        isPrivate: true,
      },
      now,
    ),
  );
}

export async function startIncident(
  deps: Deps,
  input: StartIncidentInput,
): Promise<CommandOutcome> {
  let channel = { id: input.channelId, name: input.channelName };
  if (input.newChannel || deps.settings.newChannelByDefault) {
    const opened = await openIncidentChannel(deps, input);
    if (!opened.ok) return { reply: opened.reply };
    channel = { id: opened.channelId, name: opened.name };
  }
  const channelId = channel.id;
  const declared = await declare(deps, input, channel);
  if (isRefusal(declared)) return { reply: declared.refused };

  void rememberPeople(deps, [input.userId]);
  const joined = await deps.notifier.join(channelId).catch(() => false);
  // Asked after joining: Slack only describes a private channel to its members.
  const incident = await learnPrivacy(deps, declared);
  const title = quoteUserText(await deps.store.people.directory(), incident.title);
  const problems = [
    await announce(deps, channelId, {
      text:
        `:rotating_light: *Incident declared: ${title}* (${incident.severity.toUpperCase()}) by <@${input.userId}>.\n` +
        'Everything said in this channel is now recorded for the post-mortem. ' +
        'Name a lead with `/lead @someone`, add actions with `/action`, post updates with ' +
        '`/incident status`, and close with `/incident resolve`.',
    }),
    joined
      ? null
      : 'I am not a member of this channel, so I cannot record what is said here. ' +
        'Invite me with `/invite @incident-scribe`.',
    channelId !== input.channelId
      ? await announce(deps, input.channelId, {
          text: `:rotating_light: Incident *${title}* declared by <@${input.userId}>: join <#${channelId}>.`,
        })
      : null,
    joined ? await lookBack(deps, incident) : null,
  ];
  await announceElsewhere(
    deps,
    incident,
    `:rotating_light: New incident *${title}* (${incident.severity.toUpperCase()}) in <#${channelId}>, reported by <@${input.userId}>.`,
  );
  // A channel named for a known service (`inc-checkout-…`) suggests it, before the related search.
  await suggestFromChannelName(deps, incident.id, incident.channelName);
  // After the look-back: alerts posted before the declaration are what relates it most often.
  await findRelatedQuietly(deps, { incidentId: incident.id });
  const said = problems.filter((p) => p !== null);
  return { reply: said.length > 0 ? `Incident declared. ${said.join(' ')}` : null };
}

/**
 * Asks Slack whether the incident's channel is private and records the answer. When Slack cannot
 * answer, the incident stays private (as declared): failing closed keeps its content inside.
 */
async function learnPrivacy(deps: Deps, incident: Incident): Promise<Incident> {
  let isPrivate = true;
  try {
    ({ isPrivate } = await deps.notifier.channelInfo(incident.channelId));
  } catch (error) {
    deps.logger.warn(
      { err: error, incidentId: incident.id, code: failureCode(error) },
      'could not learn whether the channel is private; treating it as private',
    );
  }
  if (isPrivate !== incident.isPrivate) {
    await deps.store.incidents.setPrivate(incident.id, isPrivate);
  }
  return { ...incident, isPrivate };
}

/** Alerts and reports posted before anyone declared belong to the incident too. */
async function lookBack(deps: Deps, incident: Incident): Promise<string | null> {
  const minutes = deps.settings.lookbackMinutes;
  if (minutes <= 0) return null;
  try {
    await syncHistory(deps, incident, incident.declaredAt - minutes * 60_000);
    return null;
  } catch (error) {
    deps.logger.warn({ err: error, incidentId: incident.id }, 'look-back failed');
    return `I could not read the channel's last ${minutes} minutes (${failureCode(error)}); earlier alerts are missing from the timeline.`;
  }
}
