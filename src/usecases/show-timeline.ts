import { packLines } from '../slack/blocks/mrkdwn-pack.ts';
import { timelineLines } from '../slack/blocks/postmortem.ts';
import { describeAction } from './add-action.ts';
import { quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { composeDraft } from './publish-draft.ts';

// An ephemeral reply stays readable (and within what Slack displays) at this size; the action
// summary below the timeline gets the rest.
const REPLY_MAX = 3300;
const ACTIONS_MAX = 600;

function actionSummary(deps: Deps, incidentId: number): string {
  const actions = deps.store.actions.forIncident(incidentId);
  if (actions.length === 0) return '';
  const count = (status: string) => actions.filter((a) => a.status === status).length;
  const open = actions.filter((a) => a.status === 'open');
  const lines = open.map((a) => `• ${describeAction(deps, a)}`);
  const packed = packLines(lines, ACTIONS_MAX, 1);
  const more = open.length - packed.used;
  return [
    `\n*Action items:* ${count('open')} open, ${count('done')} done, ${count('dropped')} dropped`,
    ...(packed.texts[0] ? [packed.texts[0]] : []),
    ...(more > 0 ? [`…and ${more} more: \`/action list\``] : []),
  ].join('\n');
}

/** `/incident timeline`: the current timeline, privately, during or after the incident. */
export function showTimeline(deps: Deps, input: { channelId: string }): CommandOutcome {
  const incident = deps.store.incidents.findLatestInChannel(input.channelId);
  if (!incident) return { reply: 'There is no incident in this channel yet.' };
  const draft = composeDraft(deps, incident.id);
  if (!draft || draft.timeline.length === 0) return { reply: 'The timeline is still empty.' };
  const title = `*Timeline of ${quoteUserText(deps, incident.title)}* (${incident.status})`;
  const all = timelineLines(draft.timeline, deps.timeZone, true);
  const full = packLines([title, ...all], REPLY_MAX, 1);
  const actions = actionSummary(deps, incident.id);
  if (full.used === all.length + 1) return { reply: `${full.texts[0] ?? title}${actions}` };
  const keys = timelineLines(
    draft.timeline.filter((e) => e.key),
    deps.timeZone,
    false,
  );
  const packed = packLines([`${title} — key entries`, ...keys], REPLY_MAX - 80, 1);
  const hidden = all.length - Math.max(0, packed.used - 1);
  return {
    reply: `${packed.texts[0] ?? title}\n…and ${hidden} more entries in the draft post-mortem.${actions}`,
  };
}
