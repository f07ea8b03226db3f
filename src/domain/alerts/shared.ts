import { condense, slackToPlain } from '../slack-text.ts';
import type { AlertSignal, AlertSource, AlertState } from '../types.ts';
import { blockTexts, isRecord } from './blocks.ts';

// What every recogniser needs: the message shape, who posted it, and its text as plain lines.

export interface SlackAttachmentLike {
  color?: string;
  title?: string;
  title_link?: string;
  text?: string;
  fallback?: string;
  pretext?: string;
  author_name?: string;
  footer?: string;
  // Real webhook payloads send null for an empty field half, not just leave it out.
  fields?: Array<{ title?: string | null; value?: string | null }>;
  /** Epoch seconds, as a number or a numeric string. */
  ts?: number | string;
}

export interface SlackMessageLike {
  subtype?: string;
  bot_id?: string;
  bot_profile?: { name?: string };
  username?: string;
  app_id?: string;
  text?: string;
  attachments?: SlackAttachmentLike[];
  blocks?: unknown[];
  ts?: string;
}

export interface AlertRecogniser {
  source: AlertSource;
  recognise(m: SlackMessageLike): AlertSignal | null;
}

export const TITLE_MAX = 150;
const NO_PEOPLE: ReadonlyMap<string, string> = new Map();

export function isBotMessage(m: SlackMessageLike): boolean {
  return Boolean(m.bot_id) || m.bot_profile !== undefined || m.subtype === 'bot_message';
}

const BOT_NAMES: ReadonlyArray<readonly [AlertSource, RegExp]> = [
  ['alertmanager', /\b(?:alert ?manager|prometheus)\b/i],
  ['grafana', /\bgrafana\b/i],
  ['pagerduty', /\bpager ?duty\b/i],
  ['opsgenie', /\bops ?genie\b/i],
  ['datadog', /\bdatadog\b/i],
  ['sentry', /\bsentry\b/i],
  ['betterstack', /\bbetter ?(?:stack|uptime)\b/i],
  ['cloudwatch', /^aws$|\baws chatbot\b|\bamazon q\b|\bcloudwatch\b/i],
];

// Only consulted when the poster's name says nothing: links that only the tool itself produces.
const LINK_HOSTS: ReadonlyArray<readonly [AlertSource, RegExp]> = [
  ['pagerduty', /\.pagerduty\.com\//i],
  ['opsgenie', /\.opsgenie\.com\//i],
  ['datadog', /\.datadoghq\.(?:com|eu)\//i],
  ['sentry', /\bsentry\.io\//i],
  ['betterstack', /\b(?:betterstack|betteruptime)\.com\//i],
  ['cloudwatch', /\bconsole\.aws\.amazon\.com\/cloudwatch\//i],
];

/**
 * The tool a message certainly comes from, by the name it was posted under, Grafana's footer,
 * or a title link into the tool; null when none of these says. Recognisers refuse a message
 * another tool owns, so the registry's order never decides between two tools.
 */
export function toolOf(m: SlackMessageLike): AlertSource | null {
  for (const name of [m.username, m.bot_profile?.name]) {
    const hit = typeof name === 'string' ? BOT_NAMES.find(([, re]) => re.test(name.trim())) : null;
    if (hit) return hit[0];
  }
  const attachments = m.attachments ?? [];
  if (attachments.some((a) => /^grafana v/i.test(a.footer ?? ''))) return 'grafana';
  for (const { title_link: link = '' } of attachments) {
    const hit = LINK_HOSTS.find(([, re]) => re.test(link));
    if (hit) return hit[0];
  }
  return null;
}

/** Yes when `source` owns the message, no when another tool does, `byFormat` when unknown. */
export function claims(m: SlackMessageLike, source: AlertSource, byFormat: () => boolean): boolean {
  if (!isBotMessage(m)) return false;
  const tool = toolOf(m);
  return tool === null ? byFormat() : tool === source;
}

/** Decoded plain text with links reduced to their labels, as titles and names want them. */
export function toPlain(text: string): string {
  const labelled = text.replace(/<(?:https?:\/\/|mailto:)[^|<>]*\|([^<>]*)>/gi, '$1');
  return slackToPlain(labelled, NO_PEOPLE);
}

/** Drops mrkdwn emphasis at word edges and leading emoji: `:red_circle: *Down*` → `Down`. */
export function stripMarkup(text: string): string {
  return text
    .replace(/(^|[\s([])[*_~`]+(?=\S)/g, '$1')
    .replace(/(?<=\S)[*_~`]+(?=$|[\s)\].,:;!?])/gm, '')
    .replace(/^(?:\s*(?::[\w+-]+:|\p{Extended_Pictographic}\uFE0F?))+\s*/u, '')
    .trim();
}

/** One clean line of at most TITLE_MAX characters. */
export function clean(text: string): string {
  return condense(stripMarkup(toPlain(text)), TITLE_MAX);
}

/** Every piece of text a message shows, Slack-encoded, in reading order. */
export function messageTexts(m: SlackMessageLike): string[] {
  const parts: Array<string | undefined | null> = [m.text];
  for (const a of m.attachments ?? []) {
    parts.push(a.pretext, a.author_name, a.title, a.text);
    for (const f of a.fields ?? []) parts.push([f.title, f.value].filter(Boolean).join(': '));
    parts.push(a.footer);
  }
  parts.push(...blockTexts(m.blocks ?? []));
  return parts.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

/** The same texts as plain lines, empty lines dropped. */
export function plainLines(m: SlackMessageLike): string[] {
  return messageTexts(m)
    .flatMap((t) => toPlain(t).split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * Candidates for the headline, most telling first: what a person reads as the alert's title.
 * Titles count whole; of message text and blocks, which carry the body too, the first line.
 */
export function headlines(m: SlackMessageLike): string[] {
  const attachments = m.attachments ?? [];
  const blocks = m.blocks ?? [];
  const whole = [
    ...attachments.map((a) => a.title),
    ...blockTexts(blocks.filter((b) => isRecord(b) && b.type === 'header')),
    ...attachments.map((a) => a.pretext),
    ...attachments.map((a) => a.fallback),
  ];
  const firstLines = [m.text, ...blockTexts(blocks)].map((t) => t?.trimStart().split('\n')[0]);
  return [...whole, ...firstLines]
    .filter((s): s is string => typeof s === 'string')
    .map((s) => stripMarkup(condense(toPlain(s), TITLE_MAX * 4)))
    .filter((s) => s !== '');
}

export function titleOf(m: SlackMessageLike): string {
  const title = condense(headlines(m)[0] ?? '', TITLE_MAX);
  return title === '' ? (m.bot_profile?.name ?? m.username ?? 'Untitled alert') : title;
}

/**
 * A `label: value` pair in any of the forms tools print: `*Severity:* page`,
 * `• *severity:* \`critical\``, `- severity = critical`, a section field `*Priority:*\nP1`, or
 * an attachment field. Returns the first word of the value.
 */
export function labelValue(texts: readonly string[], label: string): string | null {
  const re = new RegExp(`(?<![\\w-])${label}[*_\\s]*[:=][\\s*_\`]*([A-Za-z0-9][\\w.-]*)`, 'i');
  for (const text of texts) {
    const hit = re.exec(text)?.[1];
    if (hit !== undefined) return hit;
  }
  return null;
}

export type WordTable<T extends string = AlertState> = ReadonlyArray<readonly [RegExp, T]>;

/** The value of the word found earliest in the first text that has any of `words`. */
export function earliestWord<T extends string>(
  texts: readonly string[],
  words: WordTable<T>,
): T | null {
  for (const text of texts) {
    let best: { index: number; value: T } | null = null;
    for (const [re, value] of words) {
      const index = re.exec(text)?.index;
      if (index !== undefined && (best === null || index < best.index)) best = { index, value };
    }
    if (best !== null) return best.value;
  }
  return null;
}

/**
 * Texts with the alert's own name cut out: an incident titled "Promise resolved twice" must not
 * read as resolved.
 */
export function withoutName(texts: readonly string[], name: string): string[] {
  return name === '' ? [...texts] : texts.map((t) => t.split(name).join(' '));
}

export function signal(
  source: AlertSource,
  state: AlertState,
  m: SlackMessageLike,
  fields: { name: string; severity?: string | null; firedAt?: number | null },
): AlertSignal {
  const title = titleOf(m);
  const name = condense(fields.name, TITLE_MAX);
  return {
    state,
    title,
    source,
    name: name === '' ? title : name,
    severity: fields.severity ?? null,
    firedAt: fields.firedAt ?? null,
  };
}

/** Slack's `danger`/`good`, or a hex colour judged by hue: red reads firing, green resolved. */
export function colourState(color: string | undefined): 'firing' | 'resolved' | null {
  const named = (color ?? '').trim().toLowerCase();
  if (named === 'danger') return 'firing';
  if (named === 'good') return 'resolved';
  const hsl = hexToHsl(named);
  if (hsl === null || hsl.s < 0.35 || hsl.l < 0.15 || hsl.l > 0.85) return null;
  if (hsl.h <= 20 || hsl.h >= 340) return 'firing';
  if (hsl.h >= 75 && hsl.h <= 165) return 'resolved';
  return null;
}

function hexToHsl(color: string): { h: number; s: number; l: number } | null {
  const hex = color.replace(/^#/, '');
  const full = /^[0-9a-f]{3}$/.test(hex) ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-f]{6}$/.test(full)) return null;
  const channel = (i: number) => Number.parseInt(full.slice(i, i + 2), 16) / 255;
  const r = channel(0);
  const g = channel(2);
  const b = channel(4);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const sector = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: sector * 60, s, l };
}
