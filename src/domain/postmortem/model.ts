import { type AlertEpisode, buildAlertEpisodes } from '../alerts/episodes.ts';
import { EMPTY_DESCRIPTION, type IncidentDescription, servicesOf } from '../description/types.ts';
import { computeMetrics } from '../metrics.ts';
import { FIRST_DRAFT, type PostmortemLife, type PostmortemState } from '../postmortem-life.ts';
import { MAX_RELATED } from '../related/score.ts';
import type { PreventionFollowUp, RecordedRelation } from '../related/types.ts';
import { type RelatedView, relatedView } from '../related/view.ts';
import { condense, slackToPlain } from '../slack-text.ts';
import { buildTimeline, type TimelineEntry } from '../timeline.ts';
import type {
  ActionItem,
  AlertOccurrence,
  FilledSection,
  Incident,
  IncidentEvent,
  IncidentMetrics,
  PeopleDirectory,
  RecordedMessage,
} from '../types.ts';
import { type BlamelessFinding, findBlamingLanguage } from './blameless.ts';
import { blamelessSources } from './blameless-sources.ts';
import { writtenSections } from './filled-sections.ts';
import { buildResponders, type MessageTally, type Responder } from './responders.ts';
import { buildTranscript, type TranscriptLine } from './transcript.ts';

// The draft's parts are defined beside the code that builds them; renderers import them here.
export type { BlamelessFinding, Responder, TranscriptLine };

export interface PostmortemInput {
  incident: Incident;
  events: readonly IncidentEvent[];
  messages: readonly RecordedMessage[];
  actions: readonly ActionItem[];
  alerts: readonly AlertOccurrence[];
  /** What people wrote with /incident summary|impact|cause|learning, oldest first. */
  sections: readonly FilledSection[];
  people: PeopleDirectory;
  timeZone: string;
  generatedAt: number;
  /** Category, tags and action purposes; none when left out. */
  description?: IncidentDescription;
  /** Related past incidents and their open or dropped follow-ups, as stored; absent: none. */
  related?: {
    relations: readonly Pick<RecordedRelation, 'related' | 'reasons' | 'score'>[];
    followUps: readonly PreventionFollowUp[];
  };
  /** The post-mortem's own life; absent: a first draft. */
  postmortem?: PostmortemLife;
}

export interface PostmortemAction {
  id: number;
  text: string;
  owner: string | null;
  due: string | null;
  status: string;
  /** 'task' (during the incident) or 'follow_up' (after mitigation). */
  kind: string;
  priority: string | null;
  /** 'detect', 'mitigate' or 'prevent'; null when nobody said. */
  purpose: string | null;
}

/** A tag as the draft shows it: `key` '' for a free tag, `source` where it came from. */
export interface PostmortemTag {
  key: string;
  value: string;
  source: string;
}

/** Everything the renderers need, already resolved to names and plain text. */
export interface PostmortemDraft {
  title: string;
  severity: string;
  status: string;
  reporter: string;
  lead: string | null;
  participants: string[];
  metrics: IncidentMetrics;
  timeline: TimelineEntry[];
  /** The latest /incident summary, impact and cause (plain text), or null when not written yet. */
  summary: string | null;
  impact: string | null;
  cause: string | null;
  /** Every /incident learning, oldest first (plain text). */
  learnings: string[];
  /** Who did what during the response, for the Response section. */
  responders: Responder[];
  /**
   * Blaming language found in filled sections and recorded messages, never rewritten: the
   * first BLAMELESS_SHOWN, the write-up's first.
   */
  blameless: BlamelessFinding[];
  /** How many more it found: a channel that says "human error" 8,000 times needs no list of all. */
  blamelessMore: number;
  /** Every recorded message, for the appendix: deleted ones marked, never shown. */
  transcript: TranscriptLine[];
  /** Each alert from firing to resolution, from channel messages and webhooks. */
  episodes: AlertEpisode[];
  actions: PostmortemAction[];
  /** One of INCIDENT_CATEGORIES, or null until someone says. */
  category: string | null;
  /** Every live tag, oldest first (services included). */
  tags: PostmortemTag[];
  /** The values of the `service:` tags. */
  services: string[];
  timeZone: string;
  generatedAt: number;
  declaredAt: number;
  resolvedAt: number | null;
  /**
   * Related incidents (the best three) and the open follow-ups that could have prevented this
   * one; private incidents of other channels only counted. Absent when none were found.
   */
  related?: RelatedView;
  /** Where the post-mortem itself stands: who last changed its state and when, a skip's reason. */
  postmortem: {
    state: PostmortemState;
    changedAt: number | null;
    changedBy: string | null;
    skipReason: string | null;
  };
}

const ACTION_TEXT_MAX = 500;

export function buildPostmortem(input: PostmortemInput): PostmortemDraft {
  const draft = buildPostmortemHead(input);
  draft.transcript = buildTranscript(input.messages, input.people);
  return draft;
}

/** How many blameless findings a draft lists; the rest are counted. */
export const BLAMELESS_SHOWN = 50;

function blamelessOf(
  input: PostmortemInput,
  written: ReturnType<typeof writtenSections>,
  folded: MessageFolds | undefined,
): Pick<PostmortemDraft, 'blameless' | 'blamelessMore'> {
  let found: BlamelessFinding[];
  let total: number;
  if (folded) {
    const ofSections = findBlamingLanguage(blamelessSources({ ...input, written }, []));
    found = [...ofSections, ...folded.blameless];
    total = ofSections.length + folded.blamelessTotal;
  } else {
    found = findBlamingLanguage(blamelessSources({ ...input, written }));
    total = found.length;
  }
  const blameless = found.slice(0, BLAMELESS_SHOWN);
  return { blameless, blamelessMore: total - blameless.length };
}

/**
 * What the draft reads from the messages, folded as it reads them (a long incident's draft reads
 * its rows once), each as a fold in time order has it: given to buildPostmortemHead, it reads no
 * message and leaves the timeline empty for the caller to stream.
 */
export interface MessageFolds {
  /** Ids of the people who posted, in the order they first spoke. */
  participants: string[];
  tallies: ReadonlyMap<string, MessageTally>;
  firstHuman: (detectedAt: number) => number | null;
  /**
   * What the blameless review finds in the messages (findBlamingLanguage), in time order: at
   * least the first BLAMELESS_SHOWN of them, and how many there are in all.
   */
  blameless: readonly BlamelessFinding[];
  blamelessTotal: number;
}

/**
 * The draft with its transcript left empty, for a renderer that streams the transcript from the
 * messages instead (renderMarkdownParts): at 50,000 messages its lines are the largest part.
 */
export function buildPostmortemHead(
  input: PostmortemInput,
  folded?: MessageFolds,
): PostmortemDraft {
  const { incident, people } = input;
  const name = (id: string) => people.get(id) ?? id;
  const written = writtenSections(input.sections, people);
  const description = input.description ?? EMPTY_DESCRIPTION;
  return {
    // The title was typed into a slash command: Slack-encoded like any recorded text.
    title: condense(slackToPlain(incident.title, people), 150),
    severity: incident.severity,
    status: incident.status,
    reporter: name(incident.reporterId),
    lead: incident.leadId === null ? null : name(incident.leadId),
    participants: (folded?.participants ?? participants(input.messages)).map(name),
    metrics: computeMetrics(input, folded?.firstHuman),
    timeline: folded ? [] : buildTimeline(input),
    summary: written.summary,
    impact: written.impact,
    cause: written.cause,
    learnings: written.learnings,
    responders: buildResponders(input, folded?.tallies),
    ...blamelessOf(input, written, folded),
    // Filled in by buildPostmortem; the key stays here so every draft lists its parts in one order.
    transcript: [],
    episodes: buildAlertEpisodes(input.alerts),
    actions: [...input.actions]
      .sort((a, b) => a.id - b.id)
      .map((a) => ({
        id: a.id,
        // Action text was typed into a slash command, so it is Slack-encoded too.
        text: condense(slackToPlain(a.text, people), ACTION_TEXT_MAX),
        owner: a.ownerId === null ? null : name(a.ownerId),
        due: a.dueDate,
        kind: a.kind,
        priority: a.priority,
        status: a.status,
        purpose: description.purposes.get(a.id) ?? null,
      })),
    category: description.category,
    tags: description.tags.map((t) => ({ key: t.key, value: t.value, source: t.source })),
    services: servicesOf(description.tags),
    timeZone: input.timeZone,
    generatedAt: input.generatedAt,
    declaredAt: incident.declaredAt,
    resolvedAt: incident.resolvedAt,
    ...related(input),
    postmortem: lifeOf(input.postmortem ?? FIRST_DRAFT, people),
  };
}

function lifeOf(life: PostmortemLife, people: PeopleDirectory): PostmortemDraft['postmortem'] {
  return {
    state: life.state,
    changedAt: life.at,
    changedBy: life.by === null ? null : (people.get(life.by) ?? life.by),
    // Typed into a slash command: Slack-encoded.
    skipReason:
      life.skipReason === null ? null : condense(slackToPlain(life.skipReason, people), 500),
  };
}

function related(input: PostmortemInput): { related?: RelatedView } {
  const found = input.related;
  if (found === undefined) return {};
  if (found.relations.length === 0 && found.followUps.length === 0) return {};
  return {
    related: relatedView({
      current: input.incident,
      relations: found.relations.slice(0, MAX_RELATED),
      followUps: found.followUps,
      recurrence: null,
      people: input.people,
      now: input.generatedAt,
      timeZone: input.timeZone,
    }),
  };
}

/** People who posted, in the order they first spoke. */
function participants(messages: readonly RecordedMessage[]): string[] {
  const ids = new Set<string>();
  const spoken = messages.filter((m) => !m.deleted && !m.isBot && m.userId !== null);
  for (const m of spoken.sort((a, b) => a.postedAt - b.postedAt)) {
    if (m.userId !== null) ids.add(m.userId);
  }
  return [...ids];
}
