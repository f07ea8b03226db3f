import type { SectionKind } from '../domain/types.ts';
import type { CommandOutcome, Deps } from './ports.ts';

const LABELS: Record<SectionKind, string> = {
  summary: 'summary',
  impact: 'impact',
  cause: 'root cause',
  learning: 'key learning',
};

/**
 * `/incident summary|impact|cause|learning <text>`: fills that part of the draft. Works during
 * the incident and after it (on the channel's latest incident); the latest text wins, and every
 * learning is kept.
 */
export async function fillSection(
  deps: Deps,
  input: { channelId: string; userId: string; section: SectionKind; text: string },
): Promise<CommandOutcome> {
  const incident = await deps.store.sections.addToLatest(input.channelId, {
    kind: input.section,
    text: input.text,
    authorId: input.userId,
    at: deps.clock.now(),
  });
  if (!incident) return { reply: 'There is no incident in this channel yet.' };
  const after =
    incident.status === 'resolved'
      ? ' Run `/incident postmortem` to repost the draft with it.'
      : '';
  return { reply: `Saved the ${LABELS[input.section]} for the post-mortem.${after}` };
}
