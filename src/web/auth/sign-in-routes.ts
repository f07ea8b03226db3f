import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import type { SignInExchange } from '../../usecases/ports.ts';
import type { TeamSiteSettings } from '../../web-config.ts';
import { get, post, queryOf, redirect, sendHtml, type WebRequest } from '../http.ts';
import {
  cookie,
  cookiesOf,
  newSession,
  openSession,
  SESSION_COOKIE,
  SESSION_MS,
  sealSession,
} from '../session.ts';
import { checkCsrf, refuseCsrf } from './csrf.ts';
import { checkIdToken, type IdTokenRefusal } from './id-token.ts';
import {
  authorizeUrl,
  newAttempt,
  openAttempt,
  SIGN_IN_COOKIE,
  SIGN_IN_MS,
  safeNext,
  sameSecret,
  sealAttempt,
} from './oidc.ts';
import { signedOutPage, signInFailedPage, signInPage } from './pages.ts';

export interface SignInOptions {
  team: TeamSiteSettings;
  clock: Clock;
  logger: Logger;
  /** Where Slack's authorize page lives: https://slack.com, or SLACK_API_URL's origin. */
  slackOrigin: string;
  /** The site's base URL, read per request: with PORT=0 it is known only once the bot listens. */
  baseUrl(): string;
  /** The bot's workspace (auth.test), known once the bot has started. */
  teamId(): string | null;
  /** openid.connect.token, through the notifier. */
  exchangeCode(input: {
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
  }): Promise<SignInExchange>;
}

const WHY_REFUSED: Record<Exclude<IdTokenRefusal, 'workspace'>, string> = {
  malformed: 'Slack’s answer did not name who signed in.',
  issuer: 'The answer did not come from Slack.',
  audience: 'The answer was meant for another app.',
  expired: 'The answer had already expired; check that this server’s clock is right.',
  nonce: 'The answer belongs to another sign-in attempt.',
};

/** GET /auth/sign-in, GET /auth/callback, POST /auth/sign-out, GET /auth/signed-out. */
export function signInRoutes(options: SignInOptions): CustomRoute[] {
  const { team, clock, logger } = options;
  const secure = () => options.baseUrl().startsWith('https:');
  const redirectUri = () => `${options.baseUrl()}/auth/callback`;
  const clear = (name: string) => cookie(name, '', { secure: secure(), maxAgeSeconds: 0 });
  const sessionOf = (req: WebRequest) => {
    const sealed = cookiesOf(req.headers.cookie).get(SESSION_COOKIE);
    return sealed ? openSession(team.sessionSecret, sealed, clock.now()) : null;
  };
  const failed = (res: ServerResponse, status: number, heading: string, detail: string) =>
    // Nothing is set on a failure: a half-finished sign-in leaves no session behind.
    sendHtml(res, signInFailedPage({ heading, detail, again: '/auth/sign-in' }), { status });

  const signIn = get('/auth/sign-in', logger, async (req, res) => {
    const next = safeNext(queryOf(req).get('next'));
    if (sessionOf(req) !== null) return redirect(res, next);
    const attempt = newAttempt(next, clock.now());
    const href = authorizeUrl({
      slackOrigin: options.slackOrigin,
      clientId: team.clientId,
      redirectUri: redirectUri(),
      state: attempt.state,
      nonce: attempt.nonce,
      teamId: options.teamId(),
    });
    sendHtml(res, signInPage({ authorizeHref: href }), {
      headers: {
        'set-cookie': cookie(SIGN_IN_COOKIE, sealAttempt(team.sessionSecret, attempt), {
          secure: secure(),
          maxAgeSeconds: SIGN_IN_MS / 1000,
        }),
      },
    });
  });

  const callback = get('/auth/callback', logger, async (req, res) => {
    const query = queryOf(req);
    const error = query.get('error');
    if (error === 'access_denied') {
      return failed(res, 200, 'Sign-in cancelled', 'You did not allow the sign-in on Slack.');
    }
    if (error !== null) {
      return failed(res, 400, 'Slack could not sign you in', `Slack said: ${error}.`);
    }
    const sealed = cookiesOf(req.headers.cookie).get(SIGN_IN_COOKIE);
    const attempt = sealed ? openAttempt(team.sessionSecret, sealed, clock.now()) : null;
    const state = query.get('state') ?? '';
    const code = query.get('code') ?? '';
    if (attempt === null || !sameSecret(state, attempt.state) || code === '') {
      return failed(
        res,
        400,
        'This sign-in link is not valid',
        'It has expired, was already used, or was started in another browser. Start again.',
      );
    }
    const teamId = options.teamId();
    let exchange: SignInExchange;
    try {
      exchange = await options.exchangeCode({
        clientId: team.clientId,
        clientSecret: team.clientSecret,
        code,
        redirectUri: redirectUri(),
      });
    } catch (err) {
      logger.warn({ err }, 'site: openid.connect.token failed');
      return failed(res, 502, 'Slack did not answer', 'We could not reach Slack. Try again soon.');
    }
    if (!exchange.ok) {
      logger.info({ error: exchange.error }, 'site: Slack refused a sign-in code');
      return failed(
        res,
        400,
        'Slack did not accept this sign-in',
        `Slack said: ${exchange.error}. Start again.`,
      );
    }
    const checked = checkIdToken(exchange.idToken, {
      clientId: team.clientId,
      nonce: attempt.nonce,
      teamId: teamId ?? '',
      now: clock.now(),
    });
    if (!checked.ok) {
      logger.warn({ reason: checked.reason }, 'site: refused a Slack sign-in');
      return checked.reason === 'workspace'
        ? failed(
            res,
            403,
            'Another workspace',
            'You signed in to a Slack workspace this bot is not part of. Sign in with your account in the bot’s workspace.',
          )
        : failed(res, 400, 'Slack’s answer was refused', WHY_REFUSED[checked.reason]);
    }
    const session = newSession(checked.person, clock.now());
    res.setHeader('set-cookie', [
      cookie(SESSION_COOKIE, sealSession(team.sessionSecret, session), {
        secure: secure(),
        maxAgeSeconds: SESSION_MS / 1000,
      }),
      clear(SIGN_IN_COOKIE),
    ]);
    logger.info({ userId: session.userId }, 'site: signed in');
    redirect(res, attempt.next);
  });

  const signOut = post('/auth/sign-out', logger, async (req, res) => {
    const session = sessionOf(req);
    if (session !== null && (await checkCsrf(req, { csrfToken: session.csrf })) === null) {
      return refuseCsrf(res);
    }
    redirect(res, '/auth/signed-out', { 'set-cookie': clear(SESSION_COOKIE) });
  });

  const signedOut = get('/auth/signed-out', logger, async (_req, res) => {
    sendHtml(res, signedOutPage());
  });

  return [signIn, callback, signOut, signedOut];
}
