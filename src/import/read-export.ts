import type { Person } from '../domain/types.ts';
import { ExportError } from './export-error.ts';
import {
  type ExportChannel,
  parseJsonFile,
  type RawMessage,
  readChannels,
  readMessages,
  readUsers,
} from './export-json.ts';
import { type ExportSource, openExportSource } from './export-source.ts';

/** One message as found in the export, with where it came from for error messages. */
export interface ExportedMessage {
  file: string;
  raw: RawMessage;
}

export interface SlackExport {
  label: string;
  channel: ExportChannel;
  people: Person[];
  /** Every message of the channel's day files, in file order. */
  messages: ExportedMessage[];
  days: string[];
}

const DAY_FILE = /\/\d{4}-\d{2}-\d{2}\.json$/;

export interface ReadOptions {
  /** Told about long reads: a line every `progressEvery` day files, and one at the end. */
  progress?: (line: string) => void;
  progressEvery?: number;
}

/** Day files between two progress lines; a channel with fewer is read without any. */
export const PROGRESS_EVERY = 500;

/**
 * Reads what an import of one channel needs: channels.json (and groups.json for private
 * channels), users.json and the channel's per-day files. Nothing else is unpacked.
 */
export async function readSlackExport(
  path: string,
  channelRef: string,
  options: ReadOptions = {},
): Promise<SlackExport> {
  const source = await openExportSource(path);
  try {
    return await readChannel(source, channelRef, options);
  } finally {
    source.close();
  }
}

async function readChannel(
  source: ExportSource,
  channelRef: string,
  options: ReadOptions,
): Promise<SlackExport> {
  for (const required of ['channels.json', 'users.json']) {
    if (!source.has(required)) {
      throw new ExportError(`${required} is missing from ${source.label}: is this a Slack export?`);
    }
  }
  const lists = ['channels.json', 'groups.json'].filter((n) => source.has(n));
  const top = await source.read([...lists, 'users.json']);
  const json = (name: string) => parseJsonFile(name, top.get(name) ?? new Uint8Array());
  const channels = lists.flatMap((name) => readChannels(name, json(name)));
  const people = readUsers('users.json', json('users.json'));
  const channel = findChannel(channels, channelRef);

  const days = source.list(channel.name).filter((n) => DAY_FILE.test(n));
  if (days.length === 0) {
    throw new ExportError(
      `${source.label} has no messages for #${channel.name}: the folder ${channel.name}/ is missing or has no YYYY-MM-DD.json files.`,
    );
  }
  const files = await source.read(days, progressReporter(days.length, channel.name, options));
  const messages = days.flatMap((day) =>
    readMessages(day, parseJsonFile(day, files.get(day) ?? new Uint8Array())).map((raw) => ({
      file: day,
      raw,
    })),
  );
  return { label: source.label, channel, people, messages, days };
}

function progressReporter(total: number, channel: string, options: ReadOptions) {
  const every = options.progressEvery ?? PROGRESS_EVERY;
  const report = options.progress;
  if (report === undefined || total < every) return undefined;
  let read = 0;
  return () => {
    read += 1;
    if (read % every === 0 || read === total) {
      report(`Reading #${channel}: ${read} of ${total} day files`);
    }
  };
}

function findChannel(channels: readonly ExportChannel[], ref: string): ExportChannel {
  const wanted = ref.trim().replace(/^#/, '');
  const found =
    channels.find((c) => c.name === wanted) ??
    channels.find((c) => c.id === wanted) ??
    channels.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  const names = channels.map((c) => c.name).sort();
  const shown = names.length > 20 ? [...names.slice(0, 20), '…'] : names;
  throw new ExportError(
    `no channel "${wanted}" in channels.json (channels: ${shown.join(', ') || 'none'})`,
  );
}
