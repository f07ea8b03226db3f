import type { Incident } from '../domain/types.ts';
import type { IncidentStore } from '../usecases/ports.ts';

const CHANNEL_ID = /^[CG][A-Z0-9]+$/;

type Lookup = Pick<IncidentStore, 'get' | 'findLatestInChannel' | 'findLatestByChannelName'>;

/**
 * An incident id, `#channel-name` or channel id, as people type them. A bare channel name is
 * accepted too: an unquoted `#name` is a comment to the shell, and ids are all capitals while
 * Slack channel names never are, so the two cannot be confused.
 */
export async function resolveIncident(
  incidents: Lookup,
  reference: string,
): Promise<Incident | null> {
  const ref = reference.trim();
  if (/^\d+$/.test(ref)) {
    const id = Number(ref);
    return Number.isSafeInteger(id) ? incidents.get(id) : null;
  }
  if (CHANNEL_ID.test(ref)) return incidents.findLatestInChannel(ref);
  const name = (ref.startsWith('#') ? ref.slice(1) : ref).toLowerCase();
  return name === '' ? null : incidents.findLatestByChannelName(name);
}
