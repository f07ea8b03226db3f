import type { IncomingMessage } from 'node:http';

// Form-encoded calls carry structured arguments as JSON strings. Only these names are decoded, so
// that a message text which merely looks like JSON ("[1] done") stays a string.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata', 'view', 'unfurls']);

export interface DecodedCall {
  args: Record<string, unknown>;
  /** A token sent as a form field rather than in the Authorization header. */
  bodyToken: string | null;
  /** Slack's error code when the body could not be read at all. */
  error?: string;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads a multipart body with the platform's own parser; files become Buffers. */
export async function parseMultipart(
  raw: Buffer,
  contentType: string,
): Promise<Record<string, unknown>> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    out[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  }
  return out;
}

/** Decodes a Web API call the way Slack does: query string first, then the body on top. */
export async function decodeCall(
  raw: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): Promise<DecodedCall> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  let error: string | undefined;
  const type = mediaType(contentType);
  if (raw.length > 0) {
    if (type === 'application/json') {
      const parsed = parseJsonObject(raw.toString('utf8'));
      if (parsed) Object.assign(args, parsed);
      else error = 'invalid_json';
    } else if (type === 'multipart/form-data' && contentType) {
      Object.assign(args, await parseMultipart(raw, contentType));
    } else {
      Object.assign(args, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
    }
  }
  const token = args.token;
  delete args.token;
  for (const key of Object.keys(args)) {
    if (JSON_FIELDS.has(key)) args[key] = decodeJsonField(args[key]);
  }
  const decoded: DecodedCall = { args, bodyToken: typeof token === 'string' ? token : null };
  if (error) decoded.error = error;
  return decoded;
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function decodeJsonField(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    // Left as a string so the method can answer with its own invalid_* error.
    return value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
