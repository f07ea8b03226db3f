import { condense, slackToPlain } from '../slack-text.ts';
import type { AlertSignal, AlertState } from '../types.ts';

/**
 * A deliberately simple rule for "is this bot message an alert, and is it firing or resolved?".
 * Monitoring tools differ in wording and colour but agree on the basics: Alertmanager
 * (`[FIRING:1] …`, danger/good), Grafana (`#D63232`/`#36a64f`), Datadog (`[Triggered on …]`,
 * `[Recovered on …]`), CloudWatch via AWS Chatbot (`ALARM: "…"`, `OK: "…"`).
 */

export interface SlackAttachmentLike {
  color?: string;
  title?: string;
  text?: string;
  fallback?: string;
  pretext?: string;
}

export interface SlackMessageLike {
  subtype?: string;
  bot_id?: string;
  bot_profile?: { name?: string };
  username?: string;
  text?: string;
  attachments?: SlackAttachmentLike[];
}

const TITLE_MAX = 150;
const FIRING_WORDS = /\b(?:firing|(?:re-?)?triggered|alarm)\b/i;
const RESOLVED_WORDS = /\b(?:resolved|recovered)\b/i;
// `ok` is everyday English; only the shouted state word of CloudWatch-style titles counts.
const RESOLVED_OK = /\bOK\b/;
const NO_PEOPLE: ReadonlyMap<string, string> = new Map();

export function isBotMessage(m: SlackMessageLike): boolean {
  return Boolean(m.bot_id) || m.bot_profile !== undefined || m.subtype === 'bot_message';
}

export function detectAlert(m: SlackMessageLike): AlertSignal | null {
  if (!isBotMessage(m)) return null;
  const attachments = m.attachments ?? [];
  // Wording beats colour: tools reuse one colour for several states, but never the words.
  const state = stateFromWording(wordingSources(m, attachments)) ?? stateFromColours(attachments);
  return state === null ? null : { state, title: alertTitle(m, attachments) };
}

function wordingSources(m: SlackMessageLike, attachments: SlackAttachmentLike[]): string[] {
  const fromAttachments = attachments.flatMap((a) => [a.title, a.text, a.fallback]);
  return [...fromAttachments, m.text].filter((s): s is string => typeof s === 'string');
}

function stateFromWording(sources: string[]): AlertState | null {
  for (const source of sources) {
    const firing = FIRING_WORDS.exec(source)?.index ?? Number.POSITIVE_INFINITY;
    const resolved = Math.min(
      RESOLVED_WORDS.exec(source)?.index ?? Number.POSITIVE_INFINITY,
      RESOLVED_OK.exec(source)?.index ?? Number.POSITIVE_INFINITY,
    );
    // The state word leads a title; a later mention ("… was ALARM") is usually history.
    if (firing < resolved) return 'firing';
    if (resolved < firing) return 'resolved';
  }
  return null;
}

function stateFromColours(attachments: SlackAttachmentLike[]): AlertState | null {
  for (const { color } of attachments) {
    const state = color === undefined ? null : stateFromColour(color);
    if (state !== null) return state;
  }
  return null;
}

function stateFromColour(color: string): AlertState | null {
  const named = color.trim().toLowerCase();
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

function alertTitle(m: SlackMessageLike, attachments: SlackAttachmentLike[]): string {
  const candidates = [
    ...attachments.map((a) => a.title),
    ...attachments.map((a) => a.pretext),
    ...attachments.map((a) => a.fallback),
    m.text,
  ];
  const raw = candidates.find((s) => s !== undefined && s.trim() !== '');
  // Titles are stored decoded so every consumer can treat them as plain text.
  const title = raw === undefined ? '' : condense(slackToPlain(raw, NO_PEOPLE), TITLE_MAX);
  return title === '' ? (m.bot_profile?.name ?? m.username ?? 'Untitled alert') : title;
}
