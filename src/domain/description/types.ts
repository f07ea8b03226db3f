// How an incident is described so it can be compared with others: a category, tags (free or
// `key:value`; `service:<name>` marks an affected service) and what each follow-up is for.

export const ACTION_PURPOSES = ['detect', 'mitigate', 'prevent'] as const;
/** Detect it faster, mitigate it faster, or stop it happening again. */
export type ActionPurpose = (typeof ACTION_PURPOSES)[number];

/** The tag key that marks an affected service. */
export const SERVICE_KEY = 'service';

/** Where a tag came from: a person, or a suggestion ('alert:<label>', 'datadog', 'channel'). */
export type TagSource = string;

/** A tag as typed or suggested: `key` is '' for a free tag. */
export interface TagInput {
  key: string;
  value: string;
}

export interface SuggestedTag extends TagInput {
  source: TagSource;
}

/** A tag an incident carries now (removed ones are kept apart by the store). */
export interface IncidentTag extends SuggestedTag {
  addedBy: string | null;
  addedAt: number;
}

/** Everything that describes one incident, as stored. */
export interface IncidentDescription {
  category: string | null;
  /** Live tags, oldest first. */
  tags: IncidentTag[];
  /** The purpose of each action that has one, by action id. */
  purposes: ReadonlyMap<number, ActionPurpose>;
}

export const EMPTY_DESCRIPTION: IncidentDescription = {
  category: null,
  tags: [],
  purposes: new Map(),
};

/** `service:checkout`, or the bare value of a free tag. */
export function formatTag(tag: TagInput): string {
  return tag.key === '' ? tag.value : `${tag.key}:${tag.value}`;
}

/** The affected services among the tags, in the order they were added. */
export function servicesOf(tags: readonly TagInput[]): string[] {
  return tags.filter((t) => t.key === SERVICE_KEY).map((t) => t.value);
}

/** Says where a suggestion came from, for people: `alert label service`, `the channel name`. */
export function describeSource(source: TagSource): string {
  if (source === 'person') return 'added by a person';
  if (source === 'datadog') return 'Datadog tag';
  if (source === 'channel') return 'channel name';
  if (source.startsWith('alert:')) return `alert label ${source.slice('alert:'.length)}`;
  return source;
}
