import type { IncidentCommand } from '../../../domain/commands/index.ts';
import { addNote } from '../../../usecases/add-note.ts';
import { changeSeverity } from '../../../usecases/change-severity.ts';
import { setCategory, tagIncident, untagIncident } from '../../../usecases/describe-incident.ts';
import { fillSection } from '../../../usecases/fill-section.ts';
import { showStats } from '../../../usecases/incident-stats.ts';
import { mitigateIncident } from '../../../usecases/mitigate.ts';
import type { CommandOutcome, Deps } from '../../../usecases/ports.ts';
import { postStatus } from '../../../usecases/post-status.ts';
import { takePostmortemStep } from '../../../usecases/postmortem-steps.ts';
import { regenerateDraft } from '../../../usecases/regenerate-draft.ts';
import { reopenIncident } from '../../../usecases/reopen-incident.ts';
import { resolveIncident } from '../../../usecases/resolve-incident.ts';
import { setLead } from '../../../usecases/set-lead.ts';
import { setDetectedAt, setImpactStarted } from '../../../usecases/set-times.ts';
import { showTimeline } from '../../../usecases/show-timeline.ts';
import { startIncident } from '../../../usecases/start-incident.ts';

type Who = { channelId: string; userId: string; channelName: string | null };

/** One use case per /incident subcommand. */
export function runIncidentCommand(
  deps: Deps,
  c: Exclude<IncidentCommand, { kind: 'help' }>,
  who: Who,
): Promise<CommandOutcome> | CommandOutcome {
  switch (c.kind) {
    case 'start':
      return startIncident(deps, {
        ...who,
        title: c.title,
        severity: c.severity,
        newChannel: c.newChannel,
      });
    case 'lead':
      return setLead(deps, { ...who, leadId: c.userId });
    case 'status':
      return postStatus(deps, { ...who, text: c.text });
    case 'mitigated':
      return mitigateIncident(deps, { ...who, note: c.note, time: c.time });
    case 'resolve':
      return resolveIncident(deps, { ...who, note: c.note, time: c.time });
    case 'started':
      return setImpactStarted(deps, { ...who, time: c.time });
    case 'detected':
      return setDetectedAt(deps, { ...who, time: c.time, by: c.by });
    case 'note':
      return addNote(deps, { ...who, text: c.text });
    case 'sev':
      return changeSeverity(deps, { ...who, severity: c.severity });
    case 'reopen':
      return reopenIncident(deps, { channelId: who.channelId, userId: who.userId });
    case 'timeline':
      return showTimeline(deps, { channelId: who.channelId });
    case 'stats':
      return showStats(deps, { window: c.window, service: c.service });
    case 'section':
      return fillSection(deps, { ...who, section: c.section, text: c.text });
    case 'postmortem':
      return regenerateDraft(deps, { channelId: who.channelId });
    case 'review':
    case 'publish':
      return takePostmortemStep(deps, {
        target: { channelId: who.channelId },
        userId: who.userId,
        step: c.kind,
      });
    case 'skip-postmortem':
      return takePostmortemStep(deps, {
        target: { channelId: who.channelId },
        userId: who.userId,
        step: 'skip',
        reason: c.reason,
      });
    case 'tag':
      return tagIncident(deps, { ...who, tags: c.tags });
    case 'untag':
      return untagIncident(deps, { ...who, tag: c.tag });
    case 'category':
      return setCategory(deps, { ...who, name: c.name });
  }
}
