import type { Person } from '../domain/types.ts';
import { ExportError, messageOf } from './export-error.ts';

// The JSON files of a Slack export, checked just enough that every later step can trust them.

export interface ExportChannel {
  id: string;
  name: string;
}

export type RawMessage = Record<string, unknown>;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses one file; any problem is reported against its name, with a line and column. */
export function parseJsonFile(name: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ExportError(`${name}: not valid UTF-8 text.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ExportError(`${name}: not valid JSON ${where(text, error)}`);
  }
}

function where(text: string, error: unknown): string {
  const message = messageOf(error);
  const reason = message
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*$/s, '');
  const position = errorPosition(text, message);
  if (position === null) return 'at the end: the file stops early (truncated?).';
  const before = text.slice(0, position).split('\n');
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `at line ${before.length}, column ${column} (${reason}).`;
}

/** Where parsing broke, or null when the text just ends too early. */
function errorPosition(text: string, message: string): number | null {
  const stated = positionIn(message);
  if (stated !== null) return stated < text.length ? stated : null;
  if (/end of JSON input/i.test(message)) return null;
  // Some V8 messages quote the text instead of giving a position: find the shortest prefix that
  // is already broken (not merely unfinished); its last character is the culprit.
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (brokenPrefix(text.slice(0, mid))) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

function brokenPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = messageOf(error);
    if (/end of JSON input/i.test(message)) return false;
    const at = positionIn(message);
    return at === null || at < prefix.length;
  }
}

function positionIn(message: string): number | null {
  const found = /at position (\d+)/.exec(message)?.[1];
  return found === undefined ? null : Number(found);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(name: string, value: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) {
    throw new ExportError(`${name}: expected a list of ${what}, found ${describe(value)}.`);
  }
  value.forEach((item, i) => {
    if (!isRecord(item)) {
      throw new ExportError(`${name}: item ${i + 1} is ${describe(item)}, not one of the ${what}.`);
    }
  });
  return value as Record<string, unknown>[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function readChannels(name: string, value: unknown): ExportChannel[] {
  return listOf(name, value, 'channels').map((c, i) => {
    if (typeof c.id !== 'string' || typeof c.name !== 'string') {
      throw new ExportError(`${name}: channel ${i + 1} has no id or name.`);
    }
    return { id: c.id, name: c.name };
  });
}

/** People as the draft names them: real name first, as the export's readers know them. */
export function readUsers(name: string, value: unknown): Person[] {
  return listOf(name, value, 'users').map((u, i) => {
    if (typeof u.id !== 'string') throw new ExportError(`${name}: user ${i + 1} has no id.`);
    const profile = isRecord(u.profile) ? u.profile : {};
    const shown = [profile.real_name, u.real_name, profile.display_name, u.name].find(
      (n): n is string => typeof n === 'string' && n.trim() !== '',
    );
    return { id: u.id, name: shown?.trim() ?? u.id, tz: typeof u.tz === 'string' ? u.tz : null };
  });
}

export function readMessages(name: string, value: unknown): RawMessage[] {
  return listOf(name, value, 'messages');
}
