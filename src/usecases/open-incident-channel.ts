import { incidentChannelName } from '../domain/channel-name.ts';
import { type Deps, failureCode } from './ports.ts';

const ATTEMPTS = 5;

export type OpenedChannel =
  | { ok: true; channelId: string; name: string }
  | { ok: false; reply: string };

/**
 * Creates `inc-<yyyymmdd>-<slug>` (numbered if taken) and invites the person who declared. Declared
 * from a private channel (or one Slack will not describe to us), the new channel is private too:
 * the title was typed there and must not surface in a public channel.
 */
export async function openIncidentChannel(
  deps: Deps,
  input: { title: string; userId: string; channelId: string },
): Promise<OpenedChannel> {
  const now = deps.clock.now();
  try {
    const isPrivate = await deps.notifier.channelInfo(input.channelId).then(
      (info) => info.isPrivate,
      () => true,
    );
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const name = incidentChannelName(input.title, now, deps.timeZone, attempt);
      const created = await deps.notifier.createChannel(name, { isPrivate });
      if (created === null) continue;
      await deps.notifier.invite(created.id, [input.userId]);
      return { ok: true, channelId: created.id, name };
    }
    return { ok: false, reply: 'Every channel name I tried is taken. Nothing was declared.' };
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not create the incident channel');
    return {
      ok: false,
      reply: `I could not create the incident channel (${failureCode(error)}). Nothing was declared; try \`/incident start\` without \`--channel\`.`,
    };
  }
}
