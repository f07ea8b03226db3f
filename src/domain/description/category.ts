// One category per incident, from the configured list, so incidents can be counted by kind.

export const DEFAULT_INCIDENT_CATEGORIES: readonly string[] = [
  'deploy',
  'config',
  'capacity',
  'dependency',
  'infrastructure',
  'data',
  'security',
  'unknown',
];

const CATEGORY = /^[a-z][a-z0-9_-]{0,31}$/;

/** INCIDENT_CATEGORIES (`deploy,config,…`) → the list, or what is wrong with it. */
export function parseCategoryList(
  text: string,
): { ok: true; categories: string[] } | { ok: false; error: string } {
  const names = text
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  if (names.length === 0) return { ok: false, error: 'names no category' };
  const bad = names.find((n) => !CATEGORY.test(n));
  if (bad !== undefined) {
    return {
      ok: false,
      error: `has ${JSON.stringify(bad)}: a category is a letter then up to 31 letters, digits, - or _`,
    };
  }
  return { ok: true, categories: [...new Set(names)] };
}

/** The category a person typed, checked against the list (case does not matter). */
export function matchCategory(
  typed: string,
  categories: readonly string[],
): { ok: true; category: string } | { ok: false; error: string } {
  const choices = categories.map((c) => `\`${c}\``).join(', ');
  const word = typed.trim().toLowerCase();
  if (word === '') {
    return {
      ok: false,
      error: `Say which category, one of ${choices}, e.g. \`/incident category deploy\`.`,
    };
  }
  const found = categories.find((c) => c === word);
  if (found !== undefined) return { ok: true, category: found };
  const shown = Array.from(typed.trim().replace(/[`\p{Cc}]/gu, ''))
    .slice(0, 40)
    .join('');
  return { ok: false, error: `\`${shown}\` is not a category. Use one of ${choices}.` };
}
