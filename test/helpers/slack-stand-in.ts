// A loopback stand-in for the Slack Web API: point a WebClient's `slackApiUrl` at `apiUrl`, then
// inspect what the app called and what the workspace now looks like.
export { startSlackStandIn } from './slack-stand-in/server.ts';
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
} from './slack-stand-in/types.ts';
