import type { RelatedCandidate, RelationReason, ScoredRelation, TagRef } from './types.ts';

/** How many related incidents are posted and shown in the draft. */
export const MAX_RELATED = 3;

/** The window of "the 3rd incident with alert X in 90 days". */
export const RECURRENCE_DAYS = 90;

// A shared alert is the strongest sign (the same symptom, measured), then a shared service, a
// shared tag, and last similar words: text alone relates incidents only when it ranks high.
const POINTS = { alert: 40, service: 30, tag: 15 } as const;
const TEXT_POINTS = [20, 15, 10, 5];

export function isService(tag: TagRef): boolean {
  return tag.key === 'service';
}

/** The reasons a candidate is related, strongest first, and its score; null when it is not. */
export function scoreCandidate(candidate: RelatedCandidate): ScoredRelation | null {
  const reasons: RelationReason[] = [
    ...[...candidate.sharedAlerts].sort().map((name) => ({ kind: 'alert' as const, name })),
    ...candidate.sharedTags
      .filter(isService)
      .map((t) => t.value)
      .sort()
      .map((name) => ({ kind: 'service' as const, name })),
    ...candidate.sharedTags
      .filter((t) => !isService(t))
      .sort((a, b) => a.key.localeCompare(b.key) || a.value.localeCompare(b.value))
      .map((t) => ({ kind: 'tag' as const, key: t.key, value: t.value })),
  ];
  const rank = candidate.textRank;
  const textPoints = rank === null ? 0 : (TEXT_POINTS[rank - 1] ?? 0);
  if (textPoints > 0 && rank !== null) reasons.push({ kind: 'text', rank });
  if (reasons.length === 0) return null;
  const score = reasons.reduce(
    (sum, r) => sum + (r.kind === 'text' ? textPoints : POINTS[r.kind]),
    0,
  );
  return { incident: candidate.incident, reasons, score };
}

/**
 * The related incidents worth naming, best first, at most `limit`: higher score first, then the
 * more recent declaration, then the higher id, so the same findings always give the same order.
 */
export function rankRelated(
  candidates: readonly RelatedCandidate[],
  limit = MAX_RELATED,
): ScoredRelation[] {
  return candidates
    .map(scoreCandidate)
    .filter((s): s is ScoredRelation => s !== null)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.incident.declaredAt - a.incident.declaredAt ||
        b.incident.id - a.incident.id,
    )
    .slice(0, limit);
}

export interface Recurrence {
  alert: string;
  /** Incidents with this alert declared in the window, the current one included. */
  count: number;
}

/**
 * The alert that recurs most among the current incident's (ties: by name), when it was seen in
 * at least one other incident of the window; null otherwise.
 */
export function recurrence(alertIncidents: Readonly<Record<string, number>>): Recurrence | null {
  let best: Recurrence | null = null;
  for (const alert of Object.keys(alertIncidents).sort()) {
    const count = alertIncidents[alert] ?? 0;
    if (count >= 2 && (best === null || count > best.count)) best = { alert, count };
  }
  return best;
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** Reads stored reasons back; anything it does not recognise is left out, never thrown. */
export function parseReasons(json: string): RelationReason[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(isReason);
}

function isReason(value: unknown): value is RelationReason {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  switch (r.kind) {
    case 'alert':
    case 'service':
      return typeof r.name === 'string';
    case 'tag':
      return typeof r.key === 'string' && typeof r.value === 'string';
    case 'text':
      return typeof r.rank === 'number';
    default:
      return false;
  }
}
