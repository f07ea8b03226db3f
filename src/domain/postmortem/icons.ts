import type { TimelineKind } from '../timeline.ts';

/** Kinds a reader scans for get an icon; plain conversation stays unadorned. */
export const TIMELINE_ICONS: Record<TimelineKind, string> = {
  declared: '🚨',
  lead: '👤',
  status: '📣',
  mitigated: '🩹',
  resolved: '✅',
  action: '📝',
  note: '📌',
  severity: '⚠️',
  reopened: '🔁',
  override: '🕒',
  postmortem: '📄',
  alert_firing: '🔥',
  alert_resolved: '🟢',
  alert_acknowledged: '👀',
  alert_info: 'ℹ️',
  bot: '🤖',
  message: '',
};
