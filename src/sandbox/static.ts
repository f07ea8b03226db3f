import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Workspace } from '../stand-in/index.ts';
import { BadRequest } from './http.ts';

// The page (src/sandbox/page/) and the files the bot uploaded, served by the stand-in.

// Named through src/ so that the compiled module (dist/sandbox/static.js, same depth) finds the
// page's files where they are kept, instead of a copy in dist/ that could go stale.
const PAGE_DIR = resolve(fileURLToPath(new URL('../../src/sandbox/page/', import.meta.url)));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const NOT_FOUND = () => new BadRequest(404, 'No such file.');

function send(res: ServerResponse, type: string, bytes: Buffer): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(bytes);
}

/** `/sandbox` → page/index.html */
export async function servePage(res: ServerResponse): Promise<void> {
  send(res, CONTENT_TYPES['.html'] ?? 'text/html', await readPageFile('index.html'));
}

/** `/sandbox/assets/<file>` → page/<file>; nothing outside that folder, no hidden files. */
export async function serveAsset(res: ServerResponse, relative: string): Promise<void> {
  const segments = relative.split('/').map(decoded);
  if (segments.length === 0 || !segments.every((s) => SAFE_SEGMENT.test(s) && !s.includes('..'))) {
    throw NOT_FOUND();
  }
  const type = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (!type) throw NOT_FOUND();
  send(res, type, await readPageFile(join(...segments)));
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

async function readPageFile(relative: string): Promise<Buffer> {
  const path = resolve(PAGE_DIR, relative);
  if (!path.startsWith(PAGE_DIR + sep)) throw NOT_FOUND();
  try {
    return await readFile(path);
  } catch {
    throw NOT_FOUND();
  }
}

/** `/sandbox/files/<id>`: an uploaded file's bytes, as text (drafts are Markdown). */
export function serveUpload(res: ServerResponse, workspace: Workspace, rawId: string): void {
  const id = decoded(rawId);
  const upload = workspace.uploads.get(id);
  if (!upload?.completed || upload.bytes === null) {
    throw new BadRequest(404, `There is no uploaded file "${id}".`);
  }
  send(res, 'text/plain; charset=utf-8', upload.bytes);
}
