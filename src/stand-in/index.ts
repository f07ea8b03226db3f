// A loopback stand-in for Slack, used by the sandbox and by the tests: a Web API look-alike that the
// bot's WebClient talks to (`slackApiUrl`), and the requests Slack sends to an app, signed as Slack
// signs them.
export * from './requests.ts';
export type { AppConnection, AppLink, DeliveryFailure } from './slack/app-link.ts';
export type { StandInEphemeral } from './slack/ephemerals.ts';
export type { OidcClient, OtherTeamUser } from './slack/openid-provider.ts';
export type { PeopleActions } from './slack/people-actions.ts';
export { Refusal } from './slack/refusal.ts';
export type { ResponseContext } from './slack/response-urls.ts';
export type { MountedHandler } from './slack/routes.ts';
export { startSlackStandIn } from './slack/server.ts';
export type {
  RecordedCall,
  RecordedResponse,
  SlackStandIn,
  StandInChannel,
  StandInFailure,
  StandInMessage,
  StandInOptions,
  StandInUpload,
  StandInUser,
} from './slack/types.ts';
export type { ChannelRecord, Workspace } from './slack/workspace.ts';
export { editMessage, postMessage } from './slack/writes.ts';
export type { EnvelopeFrame, OutgoingEnvelope, SentEnvelope } from './socket/envelopes.ts';
export type { DisconnectReason, ReceivedAck, SocketAnswer, SocketModeHub } from './socket/hub.ts';
