import type { IncidentTag } from '../domain/description/types.ts';

// Tag rows to the domain's tags, for both engines.

export interface TagRow {
  key: string;
  value: string;
  source: string;
  addedBy: string | null;
  addedAt: number;
}

export function toIncidentTag(row: TagRow): IncidentTag {
  return {
    key: row.key,
    value: row.value,
    source: row.source,
    addedBy: row.addedBy,
    addedAt: Number(row.addedAt),
  };
}
