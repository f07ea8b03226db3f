import { ACTION_PURPOSES, type ActionPurpose } from './types.ts';

/** `detect`, `mitigate` or `prevent` (any case), else null. */
export function purposeWord(word: string | undefined): ActionPurpose | null {
  const lower = word?.toLowerCase();
  return ACTION_PURPOSES.find((p) => p === lower) ?? null;
}

/** How the draft heads each purpose's follow-ups. */
export const PURPOSE_HEADINGS: Record<ActionPurpose, string> = {
  prevent: 'Prevent it happening again',
  detect: 'Detect it faster',
  mitigate: 'Mitigate it faster',
};
