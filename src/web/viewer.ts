/** Who is reading the team site or its API (src/web/auth/). */
export interface Viewer {
  /** The Slack user signed in; null for a caller holding WEB_API_TOKEN. */
  readonly userId: string | null;
  /** How pages greet them: the Slack name, or "API token". */
  readonly name: string;
  /** Private channels this viewer is a member of now (asked of Slack, cached briefly). */
  readonly privateChannels: ReadonlySet<string>;
  /** Goes with every form that changes something (CSRF); tied to the session. */
  readonly csrfToken: string;
}

/** A private channel's incident shows only to its current members, everywhere on the site. */
export function canSee(
  viewer: Viewer,
  incident: { readonly isPrivate?: boolean; readonly channelId: string },
): boolean {
  return incident.isPrivate !== true || viewer.privateChannels.has(incident.channelId);
}
