import type { AlertEpisode } from '../alerts/episodes.ts';
import type { TimelineEntry } from '../timeline.ts';
import { toolName } from '../tool-names.ts';
import type { MetricPoint } from '../types.ts';
import {
  POSTMORTEM_JSON_SCHEMA,
  POSTMORTEM_JSON_VERSION,
  type PostmortemJson,
  type PostmortemJsonAlertEpisode,
  type PostmortemJsonMetrics,
  type PostmortemJsonPoint,
  type PostmortemJsonRelated,
  type PostmortemJsonTimelineEntry,
} from './json-types.ts';
import type { PostmortemDraft } from './model.ts';

export * from './json-types.ts';

export function toPostmortemJson(
  draft: PostmortemDraft,
  meta: { incidentId: number; channelId: string },
): PostmortemJson {
  return {
    schema: POSTMORTEM_JSON_SCHEMA,
    version: POSTMORTEM_JSON_VERSION,
    generatedAt: iso(draft.generatedAt),
    generatedAtMs: draft.generatedAt,
    timeZone: draft.timeZone,
    incident: {
      id: meta.incidentId,
      channelId: meta.channelId,
      title: draft.title,
      severity: draft.severity,
      status: draft.status,
      reporter: draft.reporter,
      lead: draft.lead,
      participants: [...draft.participants],
      declaredAt: iso(draft.declaredAt),
      declaredAtMs: draft.declaredAt,
      resolvedAt: isoOrNull(draft.resolvedAt),
      resolvedAtMs: draft.resolvedAt,
      category: draft.category,
      tags: draft.tags.map((t) => ({ key: t.key, value: t.value, source: t.source })),
      services: [...draft.services],
    },
    metrics: metrics(draft),
    timeline: draft.timeline.map(timelineEntry),
    alertEpisodes: draft.episodes.map(episode),
    // Fields are picked one by one: a field added to the draft must not slip into the contract.
    actions: draft.actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner,
      due: a.due,
      status: a.status,
      kind: a.kind,
      priority: a.priority,
      purpose: a.purpose,
    })),
    sections: {
      summary: draft.summary,
      impact: draft.impact,
      cause: draft.cause,
      learnings: [...draft.learnings],
    },
    responders: draft.responders.map((r) => ({ name: r.name, did: [...r.did] })),
    blameless: draft.blameless.map((b) => ({
      where: b.where,
      quote: b.quote,
      phrase: b.phrase,
      suggestion: b.suggestion,
    })),
    blamelessMore: draft.blamelessMore,
    transcript: draft.transcript.map((line) => ({
      at: iso(line.at),
      atMs: line.at,
      actor: line.actor,
      text: line.text,
      depth: line.depth,
      edited: line.edited,
      deleted: line.deleted,
      isBot: line.isBot,
    })),
    related: related(draft),
    postmortem: {
      state: draft.postmortem.state,
      changedAt: isoOrNull(draft.postmortem.changedAt),
      changedAtMs: draft.postmortem.changedAt,
      changedBy: draft.postmortem.changedBy,
      skipReason: draft.postmortem.skipReason,
    },
  };
}

function related(draft: PostmortemDraft): PostmortemJsonRelated {
  const view = draft.related;
  return {
    incidents: (view?.related ?? []).map((r) => ({
      incidentId: r.incidentId,
      channelId: r.channelId,
      title: r.title,
      severity: r.severity,
      declaredAt: iso(r.declaredAt),
      declaredAtMs: r.declaredAt,
      reasons: [...r.reasons],
      ended: r.ended,
      score: r.score,
    })),
    privateNotNamed: view?.hidden ?? 0,
    preventionFollowUps: (view?.followUps ?? []).map((f) => ({
      actionId: f.actionId,
      incidentId: f.incidentId,
      text: f.text,
      owner: f.owner,
      status: f.status,
      due: f.due,
      ageDays: f.ageDays,
      overdueDays: f.overdueDays,
      state: f.state,
    })),
    privateFollowUpsNotShown: view?.hiddenFollowUps ?? 0,
  };
}

function metrics(draft: PostmortemDraft): PostmortemJsonMetrics {
  const m = draft.metrics;
  return {
    impactStart: point(m.impactStart),
    detected: point(m.detected),
    mitigated: point(m.mitigated),
    resolved: point(m.resolved),
    durationsMs: {
      ttd: m.ttdMs,
      ttm: m.ttmMs,
      total: m.totalMs,
      timeToDeclare: m.timeToDeclareMs,
      tta: m.ttaMs,
      timeToLead: m.timeToLeadMs,
      timeToFirstAction: m.timeToFirstActionMs,
      ttr: m.ttrMs,
    },
    detection: {
      source: m.detection.source,
      tool: m.detection.tool,
      toolName: m.detection.tool === null ? null : toolName(m.detection.tool),
      by: m.detection.by,
      summary: m.detection.summary,
    },
    warnings: [...m.warnings],
  };
}

function point(p: MetricPoint | null): PostmortemJsonPoint | null {
  if (p === null) return null;
  return { at: iso(p.at), atMs: p.at, source: p.source, provenance: p.detail };
}

function timelineEntry(entry: TimelineEntry): PostmortemJsonTimelineEntry {
  return {
    at: iso(entry.at),
    atMs: entry.at,
    kind: entry.kind,
    actor: entry.actor,
    text: entry.text,
    edited: entry.edited,
    key: entry.key,
    beforeDeclaration: entry.beforeDeclaration,
    replies: entry.replies.map(timelineEntry),
  };
}

function episode(e: AlertEpisode): PostmortemJsonAlertEpisode {
  return {
    source: e.source,
    toolName: toolName(e.source),
    name: e.name,
    title: e.title,
    severity: e.severity,
    firedAt: iso(e.firedAt),
    firedAtMs: e.firedAt,
    firstSeenAt: iso(e.firstSeenAt),
    firstSeenAtMs: e.firstSeenAt,
    acknowledgedAt: isoOrNull(e.acknowledgedAt),
    acknowledgedAtMs: e.acknowledgedAt,
    resolvedAt: isoOrNull(e.resolvedAt),
    resolvedAtMs: e.resolvedAt,
    firingForMs: e.resolvedAt === null ? null : e.resolvedAt - e.firedAt,
    occurrences: e.occurrences,
    messageTs: e.messageTs,
  };
}

/** Always UTC with milliseconds (`2026-11-21T14:05:00.000Z`), whatever the draft's zone. */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
