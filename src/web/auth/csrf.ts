import type { ServerResponse } from 'node:http';
import { readBody } from '../../http/read-body.ts';
import { sendText, type WebRequest } from '../http.ts';
import type { Viewer } from '../viewer.ts';
import { sameSecret } from './oidc.ts';

// Every form that changes something carries the session's CSRF token in a field named `csrf`;
// a page on another site cannot read it, so it cannot forge the post (docs/security.md).

/** Forms of the site are small; anything larger is not one of ours. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * The posted form when it is urlencoded and carries this viewer's CSRF token; null otherwise
 * (answer with `refuseCsrf`). The body is read here, so the handler takes its fields from the
 * returned form.
 */
export async function checkCsrf(
  req: WebRequest,
  viewer: Pick<Viewer, 'csrfToken'>,
): Promise<URLSearchParams | null> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const read = await readBody(req, MAX_FORM_BYTES);
  if (!read.ok) return null;
  const form = new URLSearchParams(read.body.toString('utf8'));
  // A bearer-token caller has no session and so no token: it can never post a form.
  return sameSecret(form.get('csrf') ?? '', viewer.csrfToken) ? form : null;
}

export function refuseCsrf(res: ServerResponse): void {
  sendText(
    res,
    'text/plain; charset=utf-8',
    'This form has expired or did not come from this site. Go back, reload the page and try again.\n',
    { status: 403 },
  );
}
