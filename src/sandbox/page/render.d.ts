// Types for render.js, the browser module the sandbox page and the Node tests share.

import type { ApiMessage } from '../views.ts';

export interface RenderUser {
  id: string;
  name: string;
  realName?: string;
  tz?: string;
  isBot?: boolean;
}

export interface RenderChannel {
  id: string;
  name: string;
  isIm?: boolean;
  isPrivate?: boolean;
}

export interface RenderContext {
  users?: readonly RenderUser[];
  channels?: readonly RenderChannel[];
  /** The person looking: their reactions are marked, their own messages get Edit and Delete. */
  viewer?: string;
  /** The bot's user id: controls on other apps' messages are shown but disabled. */
  botUserId?: string;
  /** False renders controls disabled (set per message by messageBodyToHtml). */
  interactive?: boolean;
  /** IANA zone for clock times; UTC when absent. */
  timeZone?: string;
  /** Where a file opens; default `/sandbox/files/<id>`. */
  fileHref?: (id: string) => string;
}

/** A message as the sandbox API sends it to the page. */
export type RenderMessage = ApiMessage;

export const EMOJI: Readonly<Record<string, string>>;
export function escapeHtml(value: unknown): string;
export function decodeEntities(text: string): string;
export function typedFrom(text: string, ctx?: RenderContext): string;
export function emojiFor(name: string): string;
export function safeHref(url: unknown, ctx?: RenderContext): string | null;
export function fileHref(id: string, ctx?: RenderContext): string;
export function mrkdwnToHtml(text: string, ctx?: RenderContext): string;
export function plainToHtml(text: string, emoji?: boolean): string;
export function textObjectToHtml(obj: unknown, ctx?: RenderContext): string;
export function blocksToHtml(blocks: unknown, ctx?: RenderContext): string;
export function safeColour(color: unknown): string | null;
export function attachmentsToHtml(attachments: unknown, ctx?: RenderContext): string;
export function formatTime(ts: string, ctx?: RenderContext): string;
export function messageBodyToHtml(message: unknown, ctx?: RenderContext): string;
export function authorName(message: RenderMessage, ctx?: RenderContext): string;
export function messageToHtml(
  message: RenderMessage,
  ctx?: RenderContext,
  options?: { inThread?: boolean; replyCount?: number },
): string;
