import type { Incident } from '../domain/types.ts';
import type { SlackStandIn, StandInUser } from '../stand-in/index.ts';
import { ALERT_SAMPLES } from './alert-samples.ts';

// The sandbox's workspace (docs/sandbox.md): four people in four zones, three channels, and the
// bot users of the alerting tools. The bot is in no channel yet: `/incident start` joins one.

export const IDENTITY = {
  teamId: 'T0SANDBOX',
  teamName: 'Sandbox',
  teamDomain: 'sandbox',
  botUserId: 'U0SCRIBE',
  botId: 'B0SCRIBE',
  botName: 'incident-scribe',
  appId: 'A0SCRIBE',
} as const;

export const PEOPLE: readonly StandInUser[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Moreau', tz: 'Europe/Paris' },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Okafor', tz: 'America/New_York' },
  { id: 'U0CHEN', name: 'chen', realName: 'Chen Wei', tz: 'Asia/Singapore' },
  { id: 'U0DANA', name: 'dana', realName: 'Dana Kowalski', tz: 'UTC' },
];

const CHANNELS = [
  { id: 'C0GENERAL', name: 'general' },
  { id: 'C0INCIDENTS', name: 'incidents' },
  { id: 'C0CHECKOUT', name: 'checkout' },
] as const;

/** What the app declares in manifest.yaml (test/sandbox/app-manifest.test.ts keeps them equal). */
export const APP_MANIFEST = {
  commands: ['/incident', '/lead', '/action'],
  shortcuts: ['add_to_timeline', 'create_action'],
  events: [
    'message.channels',
    'message.groups',
    'reaction_added',
    'reaction_removed',
    'pin_added',
    'pin_removed',
  ],
} as const;

export function seedWorkspace(slack: SlackStandIn): void {
  const people = PEOPLE.map((p) => p.id);
  for (const person of PEOPLE) slack.addUser(person);
  slack.addUser({ id: 'USLACKBOT', name: 'slackbot', realName: 'Slackbot', isBot: true });
  for (const sample of ALERT_SAMPLES) if (sample.botUser) slack.addUser(sample.botUser);
  for (const channel of CHANNELS) slack.addChannel({ ...channel, members: people });
  // Everyone can write to the bot from the start, as from its Messages tab.
  for (const person of people) slack.workspace.openDirect([person]);
}

/**
 * The workspace lives in memory, the incidents in the database: after a restart the bot is back
 * in the channels of the incidents still open, as it would still be on Slack.
 */
export function rejoinOpenIncidents(slack: SlackStandIn, open: readonly Incident[]): void {
  const { workspace } = slack;
  for (const incident of open) {
    const channel =
      workspace.findChannel(incident.channelId) ??
      workspace.putChannel({
        id: incident.channelId,
        name: incident.channelName ?? incident.channelId.toLowerCase(),
        members: PEOPLE.map((p) => p.id),
      });
    workspace.addMember(channel, IDENTITY.botUserId);
  }
}
