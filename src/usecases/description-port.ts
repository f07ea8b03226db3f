import type {
  ActionPurpose,
  IncidentDescription,
  IncidentTag,
  SuggestedTag,
  TagInput,
} from '../domain/description/types.ts';
import type { Refusal } from '../domain/incident.ts';
import type { ActionItem, Incident } from '../domain/types.ts';

// Tags, categories and action purposes, part of the Store port (store-port.ts).

/** How incidents are described: tags (with where each came from), a category, action purposes. */
export interface DescriptionStore {
  /**
   * Adds a person's tags to the channel's latest incident: `decide` sees its live tags and says
   * which to add (a removed one comes back as the person's), or refuses. Null without an incident.
   */
  tag(
    channelId: string,
    decide: (live: readonly IncidentTag[]) => { ok: true; add: TagInput[] } | Refusal,
    by: string,
    now: number,
  ): Promise<{ incident: Incident; added: TagInput[] } | Refusal | null>;
  /** Marks a live tag removed (kept, so no suggestion brings it back). Null without an incident. */
  untag(
    channelId: string,
    tag: TagInput,
    by: string,
    now: number,
  ): Promise<{ incident: Incident; removed: boolean } | null>;
  /**
   * Adds suggestions to an incident: `decide` sees every tag it ever had (removed ones too) and the
   * live count and picks what to add. Answers the tags added.
   */
  suggest(
    incidentId: number,
    decide: (seen: readonly TagInput[], liveCount: number) => SuggestedTag[],
    now: number,
  ): Promise<SuggestedTag[]>;
  /** Sets the category of the channel's latest incident; null without an incident. */
  setCategory(
    channelId: string,
    category: string | null,
  ): Promise<{ incident: Incident; before: string | null } | null>;
  /** Sets what an action is for; null when there is no such action. */
  setPurpose(
    actionId: number,
    purpose: ActionPurpose | null,
  ): Promise<{ action: ActionItem; before: ActionPurpose | null } | null>;
  /** Category, live tags and action purposes of one incident (empty when there is none). */
  describe(incidentId: number): Promise<IncidentDescription>;
  /** Every service tagged live on any incident, by name. */
  knownServices(): Promise<string[]>;
}
