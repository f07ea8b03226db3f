import { incidentChannelName } from '../domain/channel-name.ts';
import { slackErrorCode } from './announce.ts';
import type { Deps } from './ports.ts';

const ATTEMPTS = 5;

export type OpenedChannel =
  | { ok: true; channelId: string; name: string }
  | { ok: false; reply: string };

/** Creates `inc-<yyyymmdd>-<slug>` (numbered if taken) and invites the person who declared. */
export async function openIncidentChannel(
  deps: Deps,
  input: { title: string; userId: string },
): Promise<OpenedChannel> {
  const now = deps.clock.now();
  try {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const name = incidentChannelName(input.title, now, deps.timeZone, attempt);
      const created = await deps.notifier.createChannel(name);
      if (created === null) continue;
      await deps.notifier.invite(created.id, [input.userId]);
      return { ok: true, channelId: created.id, name };
    }
    return { ok: false, reply: 'Every channel name I tried is taken. Nothing was declared.' };
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not create the incident channel');
    return {
      ok: false,
      reply: `I could not create the incident channel (${slackErrorCode(error)}). Nothing was declared; try \`/incident start\` without \`--channel\`.`,
    };
  }
}
