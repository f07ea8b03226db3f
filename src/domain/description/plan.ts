import type { Refusal } from '../incident.ts';
import { TAGS_PER_INCIDENT_MAX } from './tags.ts';
import { formatTag, type TagInput } from './types.ts';

export type TagPlan = { ok: true; add: TagInput[] } | Refusal;

/** Which of `wanted` to add to an incident carrying `live`, within the per-incident limit. */
export function planTags(
  live: readonly TagInput[],
  wanted: readonly TagInput[],
  max = TAGS_PER_INCIDENT_MAX,
): TagPlan {
  const add = wanted.filter((w) => !live.some((t) => t.key === w.key && t.value === w.value));
  if (live.length + add.length > max) {
    return {
      refused: `An incident keeps at most ${max} tags; this one has ${live.length}. Remove some with \`/incident untag <tag>\` first.`,
    };
  }
  return { ok: true, add };
}

/** Suggestions that fit: never one the incident has seen (live or removed), within the limit. */
export function planSuggestions<T extends TagInput>(
  seen: readonly TagInput[],
  liveCount: number,
  suggested: readonly T[],
  max = TAGS_PER_INCIDENT_MAX,
): T[] {
  const fresh = suggested.filter(
    (s, i) =>
      !seen.some((t) => t.key === s.key && t.value === s.value) &&
      suggested.findIndex((o) => formatTag(o) === formatTag(s)) === i,
  );
  return fresh.slice(0, Math.max(0, max - liveCount));
}
