import { attr, esc } from '../views/html.ts';
import { page } from '../views/layout.ts';

// The pages around signing in: before, when it went wrong, and after signing out. Nobody is
// signed in on any of them, so they show no team navigation.

/** "Sign in with Slack", and why the person is here again when a sign-in failed. */
export function signInPage(input: { authorizeHref: string; problem?: string }): string {
  const problem = input.problem ? `<p class="error" role="alert">${esc(input.problem)}</p>` : '';
  return page({
    title: 'Sign in',
    section: 'none',
    viewer: null,
    body: `<h1>Sign in</h1>
${problem}
<p>The incident library is for people in this Slack workspace. Slack tells us who you are; we
ask it for nothing else.</p>
<p><a class="button primary" href="${attr(input.authorizeHref)}">Sign in with Slack</a></p>`,
  });
}

/** A sign-in that cannot go on; `again` starts a new one. */
export function signInFailedPage(input: {
  heading: string;
  detail: string;
  again: string;
}): string {
  return page({
    title: input.heading,
    section: 'none',
    viewer: null,
    body: `<h1>${esc(input.heading)}</h1>
<p class="error" role="alert">${esc(input.detail)}</p>
<p><a href="${attr(input.again)}">Sign in again</a></p>`,
  });
}

export function signedOutPage(): string {
  return page({
    title: 'Signed out',
    section: 'none',
    viewer: null,
    body: `<h1>Signed out</h1>
<p class="notice">You are signed out of the incident library on this browser.</p>
<p><a href="/auth/sign-in">Sign in again</a></p>`,
  });
}
