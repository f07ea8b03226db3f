import { descriptionMrkdwn } from '../domain/description/mrkdwn.ts';
import { packLines } from '../domain/mrkdwn.ts';
import { describeState } from '../domain/postmortem-life.ts';
import { timelineLines } from '../domain/timeline-mrkdwn.ts';
import type { ActionItem, PeopleDirectory } from '../domain/types.ts';
import { describeAction } from './add-action.ts';
import { quoteUserText } from './announce.ts';
import { draftFrom } from './compose-draft.ts';
import type { CommandOutcome, Deps } from './ports.ts';

// An ephemeral reply stays readable (and within what Slack displays) at this size; the action
// summary below the timeline gets the rest.
const REPLY_MAX = 3300;
const ACTIONS_MAX = 600;

function actionSummary(people: PeopleDirectory, actions: readonly ActionItem[]): string {
  if (actions.length === 0) return '';
  const count = (status: string) => actions.filter((a) => a.status === status).length;
  const open = actions.filter((a) => a.status === 'open');
  const lines = open.map((a) => `• ${describeAction(people, a)}`);
  const packed = packLines(lines, ACTIONS_MAX, 1);
  const more = open.length - packed.used;
  return [
    `\n*Action items:* ${count('open')} open, ${count('done')} done, ${count('dropped')} dropped`,
    ...(packed.texts[0] ? [packed.texts[0]] : []),
    ...(more > 0 ? [`…and ${more} more: \`/action list\``] : []),
  ].join('\n');
}

/** `/incident timeline`: the current timeline, privately, during or after the incident. */
export async function showTimeline(
  deps: Deps,
  input: { channelId: string },
): Promise<CommandOutcome> {
  const incident = await deps.store.incidents.findLatestInChannel(input.channelId);
  if (!incident) return { reply: 'There is no incident in this channel yet.' };
  const snapshot = await deps.store.incidents.snapshot(incident.id);
  const draft = snapshot && draftFrom(snapshot, deps);
  if (!snapshot || !draft || draft.timeline.length === 0) {
    return { reply: 'The timeline is still empty.' };
  }
  const life = await deps.store.postmortemStates.of(incident.id);
  const postmortem = life ? `, post-mortem ${describeState(life.state)}` : '';
  const title = `*Timeline of ${quoteUserText(snapshot.people, incident.title)}* (${incident.status}${postmortem})`;
  const described = descriptionMrkdwn(draft);
  const all = [...described, ...timelineLines(draft.timeline, deps.timeZone, true)];
  const full = packLines([title, ...all], REPLY_MAX, 1);
  const actions = actionSummary(snapshot.people, snapshot.actions);
  if (full.used === all.length + 1) return { reply: `${full.texts[0] ?? title}${actions}` };
  const keys = [
    ...described,
    ...timelineLines(
      draft.timeline.filter((e) => e.key),
      deps.timeZone,
      false,
    ),
  ];
  const packed = packLines([`${title} — key entries`, ...keys], REPLY_MAX - 80, 1);
  const hidden = all.length - Math.max(0, packed.used - 1 - described.length) - described.length;
  return {
    reply: `${packed.texts[0] ?? title}\n…and ${hidden} more entries in the draft post-mortem.${actions}`,
  };
}
