import type { ActionPurpose } from '../domain/description/types.ts';
import type { CommandOutcome, Deps } from './ports.ts';

/** `/action purpose <id> detect|mitigate|prevent|none`: also after the incident is closed. */
export async function setActionPurpose(
  deps: Deps,
  input: { id: number; purpose: ActionPurpose | null },
): Promise<CommandOutcome> {
  const result = await deps.store.descriptions.setPurpose(input.id, input.purpose);
  if (result === null) return { reply: `There is no action #${input.id}. See \`/action list\`.` };
  const now = input.purpose === null ? 'no purpose' : `\`${input.purpose}\``;
  const was = result.before === null ? '' : ` (was \`${result.before}\`)`;
  return { reply: `#${input.id} is now for ${now}${was}.` };
}
