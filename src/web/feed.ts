import { escapeHtml } from '../domain/postmortem/html-text.ts';
import { formatTime } from '../domain/time-format.ts';
import type { PublicFeedEntry } from '../usecases/public-reports.ts';

// The Atom 1.0 feed of the public reports (/reports/feed.xml, RFC 4287). Every text is escaped
// and stripped of characters XML 1.0 cannot carry, so one odd character in a title cannot make
// the whole feed unreadable. Ids never change with the address the feed was read from.

export interface FeedInput {
  /** Absolute origin and path prefix, no trailing slash: `https://status.example.com`. */
  baseUrl: string;
  entries: readonly PublicFeedEntry[];
  /** The feed's `updated`: the newest report's publication, or now when there is none. */
  updated: number;
  timeZone: string;
}

/** `urn:incident-scribe:report:12`: the same whichever host or scheme served the feed. */
export function entryId(id: number): string {
  return `urn:incident-scribe:report:${id}`;
}

export const FEED_ID = 'urn:incident-scribe:reports';

// XML 1.0's Char production: tab, newline, carriage return and the ranges below; a lone
// surrogate is not a character either.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data or an attribute value: escaped, impossible characters dropped. */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML_CHAR, ''));
}

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

export function atomFeed(input: FeedInput): string {
  const base = input.baseUrl;
  const entries = input.entries.map((entry) => feedEntry(entry, base, input.timeZone));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '  <title>Incident reports</title>',
    '  <subtitle>Published reports of our incidents: what went wrong, what we did, what we are changing.</subtitle>',
    `  <id>${FEED_ID}</id>`,
    `  <updated>${stamp(input.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${base}/reports/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${base}/reports`)}"/>`,
    '  <author><name>incident-scribe</name></author>',
    '  <generator>incident-scribe</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function feedEntry(entry: PublicFeedEntry, base: string, timeZone: string): string {
  const { report } = entry;
  const lines = [
    '  <entry>',
    `    <id>${entryId(report.id)}</id>`,
    `    <title type="text">${xmlText(report.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlText(`${base}/reports/${report.id}`)}"/>`,
    `    <published>${stamp(report.publishedAt)}</published>`,
    `    <updated>${stamp(report.publishedAt)}</updated>`,
  ];
  if (report.category !== null) lines.push(`    <category term="${xmlText(report.category)}"/>`);
  lines.push(`    <summary type="text">${xmlText(summaryText(entry, timeZone))}</summary>`);
  lines.push('  </entry>');
  return lines.join('\n');
}

/** `SEV2 · checkout, search · declared … resolved …` and the written summary, if any. */
export function summaryText(entry: PublicFeedEntry, timeZone: string): string {
  const { report } = entry;
  const facts = [
    `${report.severity.toUpperCase()} incident`,
    report.services.length === 0 ? null : `services: ${report.services.join(', ')}`,
    report.category === null ? null : `category: ${report.category}`,
    `declared ${formatTime(report.declaredAt, timeZone)}`,
    report.resolvedAt === null
      ? 'not resolved'
      : `resolved ${formatTime(report.resolvedAt, timeZone)}`,
  ].filter((part) => part !== null);
  const head = `${facts.join(' · ')}.`;
  return entry.summary === null ? head : `${head}\n\n${entry.summary}`;
}
