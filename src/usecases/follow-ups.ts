import { allFollowUpsClosed } from '../domain/actions.ts';
import type { ChangedAction } from './store-records.ts';

/** Whether this change closed the incident's last open follow-up (said once, in the channel). */
export function closedTheLastFollowUp(changed: ChangedAction): boolean {
  const before = changed.incidentActions.map((a) =>
    a.id === changed.action.id ? changed.before : a,
  );
  return !allFollowUpsClosed(before) && allFollowUpsClosed(changed.incidentActions);
}
