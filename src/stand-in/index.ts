// A loopback stand-in for Slack, used by the sandbox and by the tests: a Web API look-alike that the
// bot's WebClient talks to (`slackApiUrl`), and the requests Slack sends to an app, signed as Slack
// signs them.
export * from './requests.ts';
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
