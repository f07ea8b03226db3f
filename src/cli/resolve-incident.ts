import type { Incident } from '../domain/types.ts';
import type { IncidentRepository } from '../store/incidents.ts';

const CHANNEL_ID = /^[CG][A-Z0-9]+$/;

type Lookup = Pick<IncidentRepository, 'get' | 'findLatestInChannel' | 'findLatestByChannelName'>;

/**
 * An incident id, `#channel-name` or channel id, as people type them. A bare channel name is
 * accepted too: an unquoted `#name` is a comment to the shell, and ids are all capitals while
 * Slack channel names never are, so the two cannot be confused.
 */
export function resolveIncident(incidents: Lookup, reference: string): Incident | null {
  const ref = reference.trim();
  if (/^\d+$/.test(ref)) {
    const id = Number(ref);
    return Number.isSafeInteger(id) ? incidents.get(id) : null;
  }
  if (CHANNEL_ID.test(ref)) return incidents.findLatestInChannel(ref);
  const name = (ref.startsWith('#') ? ref.slice(1) : ref).toLowerCase();
  return name === '' ? null : incidents.findLatestByChannelName(name);
}
