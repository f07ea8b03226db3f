import { resolve } from '../domain/incident.ts';
import { slackTime } from '../domain/mrkdwn.ts';
import { announce, announceElsewhere, quoteUserText, withNote } from './announce.ts';
import { callerTime } from './caller-time.ts';
import { exportAllFollowUps } from './export-follow-ups.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { publishDraft } from './publish-draft.ts';
import { transitionOpenIncident } from './transition.ts';

export async function resolveIncident(
  deps: Deps,
  input: { channelId: string; userId: string; note: string | null; time: string | null },
): Promise<CommandOutcome> {
  const time = await callerTime(deps, input.userId, input.time);
  if (!time.ok) return { reply: time.reply };
  const now = deps.clock.now();
  const applied = await transitionOpenIncident(deps, input.channelId, (incident) =>
    resolve(incident, input.note, input.userId, now, time.at),
  );
  if (!applied.ok) return { reply: applied.reply };
  const when = time.at === null ? '' : ` as of ${slackTime(time.at, deps.timeZone, true)}`;
  const people = await deps.store.people.directory();
  const problems = [
    await announce(deps, input.channelId, {
      text: `:white_check_mark: *Resolved*${when} by <@${input.userId}>${withNote(people, input.note)} Recording has stopped; the draft post-mortem follows.`,
    }),
    await publishDraft(deps, applied.incident.id),
  ].filter((p) => p !== null);
  if (deps.settings.exportOnResolve && deps.tracker) {
    // After the draft: an exporting failure must not hold up or hide it.
    void exportAllFollowUps(deps, applied.incident.id).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'exporting follow-ups on resolve failed'),
    );
  }
  await announceElsewhere(
    deps,
    applied.incident,
    `:white_check_mark: Resolved: *${quoteUserText(people, applied.incident.title)}* in <#${applied.incident.channelId}>.`,
  );
  return { reply: problems.length > 0 ? problems.join(' ') : null };
}
