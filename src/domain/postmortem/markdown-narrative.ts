import { formatDuration } from '../durations.ts';
import { mdLine, mdParagraphs } from './markdown-text.ts';
import type { PostmortemDraft } from './model.ts';

type At = (ms: number) => string;

// What the team writes. Each prompt says what a good answer looks like, so a reader who was not
// in the channel gets the same document whoever fills it in.

export function summary(draft: PostmortemDraft): string[] {
  if (draft.summary !== null) return mdParagraphs(draft.summary);
  return [
    '_Write two or three sentences with `/incident summary <text>`: what happened, who was affected, how it ended._',
  ];
}

export function impact(draft: PostmortemDraft, at: At): string[] {
  const lasted = impactDuration(draft, at);
  if (draft.impact !== null) return [...mdParagraphs(draft.impact), '', lasted];
  return [
    '_Who was affected, and how many? Use numbers where you have them (customers, requests, regions). Write it with `/incident impact <text>`._',
    '',
    lasted,
    '',
    '_What did it cost the business: revenue, SLAs, support load, trust?_',
  ];
}

/** Stated, not asked: the bot knows the window even when nobody has described the impact yet. */
function impactDuration(draft: PostmortemDraft, at: At): string {
  const { impactStart, mitigated } = draft.metrics;
  if (mitigated === null) {
    return `Impact started at ${at(impactStart.at)} and is not mitigated yet.`;
  }
  return (
    `Impact lasted **${formatDuration(mitigated.at - impactStart.at)}**, from impact start ` +
    `(${at(impactStart.at)}) to mitigation (${at(mitigated.at)}).`
  );
}

export function rootCause(draft: PostmortemDraft): string[] {
  const why = 'start from the symptom and keep asking why until you reach something you can change';
  const intro =
    draft.cause === null
      ? [`_Write the cause with \`/incident cause <text>\`, then test it: ${why}._`]
      : [...mdParagraphs(draft.cause), '', `_Test it: ${why}._`];
  return [...intro, '', ...[1, 2, 3, 4, 5].map((n) => `${n}. Why …?`)];
}

export const PROMPTS = {
  'Contributing factors':
    '_What made it more likely or worse: recent changes, defaults, missing alerts, unclear runbooks, load, timing? One line each._',
  'What went well': '_What helped us detect, respond or recover? Keep doing it._',
  'What went poorly':
    '_Where did we lose time or make things worse? Describe the situation, not the person._',
  'Where we got lucky': '_What could have made this much worse, and did not, by chance?_',
} as const;

export function prompted(): string[] {
  return Object.entries(PROMPTS).flatMap(([heading, prompt]) => [`## ${heading}`, '', prompt, '']);
}

/** Learnings written so far, then empty slots so the meeting knows three are expected. */
export function learnings(draft: PostmortemDraft): string[] {
  const written = draft.learnings.map((text, i) => `${i + 1}. ${mdLine(text)}`);
  const slots = Array.from(
    { length: Math.max(0, 3 - written.length) },
    (_, i) => `${written.length + i + 1}. …`,
  );
  if (slots.length === 0) return written;
  const prompt =
    written.length === 0
      ? '_What should everyone take away from this incident? Add each with `/incident learning <text>`._'
      : '_What else should everyone take away from this incident?_';
  return [prompt, '', ...written, ...slots];
}
