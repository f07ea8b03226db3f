import { DEFAULT_INCIDENT_CATEGORIES, matchCategory } from '../domain/description/category.ts';
import { planTags } from '../domain/description/plan.ts';
import {
  describeSource,
  formatTag,
  type IncidentTag,
  type TagInput,
} from '../domain/description/types.ts';
import { findRelatedQuietly } from './find-related.ts';
import type { CommandOutcome, Deps } from './ports.ts';

// `/incident tag|untag|category`: on the channel's latest incident, so they work after the close
// too. The answers are private: describing an incident is bookkeeping, not news for the channel.

export const NO_INCIDENT_TO_DESCRIBE =
  'There is no incident in this channel to describe. Start one with `/incident start <title>`.';

type Who = { channelId: string; userId: string };

export async function tagIncident(
  deps: Deps,
  input: Who & { tags: TagInput[] },
): Promise<CommandOutcome> {
  const result = await deps.store.descriptions.tag(
    input.channelId,
    (live) => planTags(live, input.tags),
    input.userId,
    deps.clock.now(),
  );
  if (result === null) return { reply: NO_INCIDENT_TO_DESCRIBE };
  if ('refused' in result) return { reply: `${result.refused} Nothing was added.` };
  // New tags and services can relate the incident to past ones (posted in its channel once).
  if (result.added.length > 0) await findRelatedQuietly(deps, { incidentId: result.incident.id });
  const tags = (await deps.store.descriptions.describe(result.incident.id)).tags;
  const added = result.added.map(code).join(', ');
  return {
    reply: `${added === '' ? 'Those tags were already there.' : `Tagged ${added}.`} ${tagList(tags)}`,
  };
}

export async function untagIncident(
  deps: Deps,
  input: Who & { tag: TagInput },
): Promise<CommandOutcome> {
  const result = await deps.store.descriptions.untag(
    input.channelId,
    input.tag,
    input.userId,
    deps.clock.now(),
  );
  if (result === null) return { reply: NO_INCIDENT_TO_DESCRIBE };
  const tags = (await deps.store.descriptions.describe(result.incident.id)).tags;
  if (!result.removed) {
    return { reply: `This incident has no tag ${code(input.tag)}. ${tagList(tags)}` };
  }
  return {
    reply: `Removed ${code(input.tag)}; it will not be suggested again for this incident. ${tagList(tags)}`,
  };
}

export async function setCategory(
  deps: Deps,
  input: Who & { name: string },
): Promise<CommandOutcome> {
  const categories = deps.settings.incidentCategories ?? DEFAULT_INCIDENT_CATEGORIES;
  const match = matchCategory(input.name, categories);
  if (!match.ok) return { reply: `${match.error} Nothing was changed.` };
  const result = await deps.store.descriptions.setCategory(input.channelId, match.category);
  if (result === null) return { reply: NO_INCIDENT_TO_DESCRIBE };
  const was =
    result.before === null || result.before === match.category ? '' : ` (was \`${result.before}\`)`;
  return { reply: `Category: \`${match.category}\`${was}.` };
}

/** `Tags now: `service:checkout` (alert label service), `flaky`.` */
export function tagList(tags: readonly IncidentTag[]): string {
  if (tags.length === 0) return 'The incident has no tags now.';
  const shown = tags.map((t) =>
    t.source === 'person' ? code(t) : `${code(t)} (${describeSource(t.source)})`,
  );
  return `Tags now: ${shown.join(', ')}.`;
}

function code(tag: TagInput): string {
  return `\`${formatTag(tag)}\``;
}
