import { randomBytes } from 'node:crypto';
import { IdTokenSigner, idTokenClaims, slug } from './openid-tokens.ts';
import type { Workspace } from './workspace.ts';

// Sign in with Slack (OpenID Connect) as Slack runs it: registered clients and their redirect
// URLs, single-use codes, user tokens and the key that signs the id_token.

/** An app's Sign in with Slack credentials; registering the same id again adds redirect URLs. */
export interface OidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** A person of another workspace who can sign in too, so a refusal of strangers can be tested. */
export interface OtherTeamUser {
  id: string;
  name: string;
  realName?: string;
  teamId: string;
  teamName: string;
  teamDomain?: string;
}

/** Who signs in, with the workspace they sign in from. */
export interface SignInIdentity {
  userId: string;
  handle: string;
  realName: string;
  teamId: string;
  teamName: string;
  teamDomain: string;
}

export interface CodeGrant {
  clientId: string;
  /** As given to the authorize page; null when it was left out (token then needs none). */
  redirectUri: string | null;
  nonce: string | null;
  identity: SignInIdentity;
  /** Stand-in milliseconds when the person allowed it. */
  authTime: number;
}

/** Slack's codes last ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

export class OpenIdProvider {
  /** Whom the consent page preselects: the sandbox's acting person; else the first person. */
  actingUser: string | null = null;
  otherTeamUser: OtherTeamUser | null = null;
  private readonly clients = new Map<string, { secret: string; redirectUris: Set<string> }>();
  private readonly codes = new Map<string, CodeGrant & { issuedAt: number }>();
  private readonly userTokens = new Map<string, CodeGrant>();
  private readonly signer = new IdTokenSigner();

  constructor(private readonly workspace: Workspace) {}

  registerClient(client: OidcClient): void {
    if (client.clientId.trim() === '' || client.clientSecret.trim() === '') {
      throw new RangeError('registerOidcClient: clientId and clientSecret must not be empty');
    }
    for (const uri of client.redirectUris) {
      if (!isRedirectUrl(uri)) {
        throw new RangeError(
          `registerOidcClient: "${uri}" is not an http(s) URL without a #fragment`,
        );
      }
    }
    const known = this.clients.get(client.clientId);
    const redirectUris = new Set([...(known?.redirectUris ?? []), ...client.redirectUris]);
    this.clients.set(client.clientId, { secret: client.clientSecret, redirectUris });
  }

  hasClient(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  secretMatches(clientId: string, secret: string): boolean {
    return this.clients.get(clientId)?.secret === secret;
  }

  /** Where Slack sends the answer when the authorize request names no redirect_uri. */
  firstRedirect(clientId: string): string | undefined {
    return [...(this.clients.get(clientId)?.redirectUris ?? [])][0];
  }

  /** Slack takes a registered Redirect URL or a path below it, on the same origin. */
  redirectAllowed(clientId: string, uri: string): boolean {
    if (!isRedirectUrl(uri)) return false;
    const given = new URL(uri);
    return [...(this.clients.get(clientId)?.redirectUris ?? [])].some((registered) => {
      const base = new URL(registered);
      if (given.origin !== base.origin) return false;
      const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
      return given.pathname === base.pathname || given.pathname.startsWith(prefix);
    });
  }

  /** Everyone who may sign in: the workspace's people, then the other workspace's guest. */
  choices(): Array<{ id: string; label: string }> {
    const people = [...this.workspace.users.values()]
      .filter((u) => !u.isBot)
      .map((u) => ({ id: u.id, label: u.realName ?? u.name }));
    const guest = this.otherTeamUser;
    if (guest) {
      people.push({ id: guest.id, label: `${guest.realName ?? guest.name}, of ${guest.teamName}` });
    }
    return people;
  }

  preselected(): string | undefined {
    const choices = this.choices();
    return choices.find((c) => c.id === this.actingUser)?.id ?? choices[0]?.id;
  }

  /** The identity of one of `choices()`, or undefined. */
  identity(userId: string): SignInIdentity | undefined {
    const guest = this.otherTeamUser;
    if (guest && guest.id === userId) {
      return {
        userId,
        handle: guest.name,
        realName: guest.realName ?? guest.name,
        teamId: guest.teamId,
        teamName: guest.teamName,
        teamDomain: guest.teamDomain ?? slug(guest.teamName),
      };
    }
    const user = this.workspace.users.get(userId);
    if (!user || user.isBot) return undefined;
    const { teamId, teamName, teamDomain } = this.workspace.identity;
    return {
      userId,
      handle: user.name,
      realName: user.realName ?? user.name,
      teamId,
      teamName,
      teamDomain,
    };
  }

  issueCode(grant: CodeGrant): string {
    const now = this.workspace.now();
    for (const [code, held] of this.codes) {
      if (now - held.issuedAt >= CODE_LIFETIME_MS) this.codes.delete(code);
    }
    const code = `${Math.floor(now / 1000)}.${randomBytes(24).toString('hex')}`;
    this.codes.set(code, { ...grant, issuedAt: now });
    return code;
  }

  /** The grant behind a live code of this client, or undefined (unknown, used or expired). */
  peekCode(code: string, clientId: string): CodeGrant | undefined {
    const held = this.codes.get(code);
    if (!held || held.clientId !== clientId) return undefined;
    if (this.workspace.now() - held.issuedAt >= CODE_LIFETIME_MS) {
      this.codes.delete(code);
      return undefined;
    }
    return held;
  }

  /** Uses the code up and hands out a user token for the person it names. */
  redeem(code: string, grant: CodeGrant): string {
    this.codes.delete(code);
    const token = `xoxp-${this.workspace.identity.teamId}-${randomBytes(16).toString('hex')}`;
    this.userTokens.set(token, grant);
    return token;
  }

  /** The sign-in a user token came from. */
  signInFor(token: string): CodeGrant | undefined {
    return this.userTokens.get(token);
  }

  /** An RS256 JWT with Slack's claims, signed by the key the JWKS publishes. */
  idToken(grant: CodeGrant): string {
    return this.signer.sign(idTokenClaims(grant, this.workspace.now()));
  }

  jwks(): { keys: Array<Record<string, unknown>> } {
    return this.signer.jwks();
  }
}

function isRedirectUrl(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '';
}
