import { type PostmortemLife, toPostmortemState } from '../domain/postmortem-life.ts';

// The post-mortem's life as both engines keep it: four columns on the incident's row.

export interface LifeColumns {
  postmortemState: string;
  postmortemStateAt: number | null;
  postmortemStateBy: string | null;
  postmortemSkipReason: string | null;
}

export function toLife(row: LifeColumns): PostmortemLife {
  return {
    state: toPostmortemState(row.postmortemState),
    at: row.postmortemStateAt,
    by: row.postmortemStateBy,
    skipReason: row.postmortemSkipReason,
  };
}

export function lifeColumns(life: PostmortemLife): LifeColumns {
  return {
    postmortemState: life.state,
    postmortemStateAt: life.at,
    postmortemStateBy: life.by,
    postmortemSkipReason: life.skipReason,
  };
}
