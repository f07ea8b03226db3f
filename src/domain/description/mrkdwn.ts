import { describeSource, formatTag, type SuggestedTag } from './types.ts';

/**
 * One mrkdwn line for `/incident timeline`: `Category: deploy · Services: checkout (alert label
 * service) · Tags: flaky`; none while nothing describes the incident. Tags and categories are
 * of a plain charset, so code spans cannot be broken out of.
 */
export function descriptionMrkdwn(described: {
  category: string | null;
  tags: readonly SuggestedTag[];
}): string[] {
  const parts: string[] = [];
  if (described.category !== null) parts.push(`Category: \`${described.category}\``);
  const shown = (t: SuggestedTag, text: string) =>
    t.source === 'person' ? `\`${text}\`` : `\`${text}\` (${describeSource(t.source)})`;
  const services = described.tags.filter((t) => t.key === 'service');
  if (services.length > 0)
    parts.push(`Services: ${services.map((t) => shown(t, t.value)).join(', ')}`);
  const others = described.tags.filter((t) => t.key !== 'service');
  if (others.length > 0)
    parts.push(`Tags: ${others.map((t) => shown(t, formatTag(t))).join(', ')}`);
  return parts.length === 0 ? [] : [parts.join(' · ')];
}
