// The stand-in itself lives in src/stand-in (the sandbox runs on it); tests import it from here.
export { startSlackStandIn } from '../../src/stand-in/slack/server.ts';
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
} from '../../src/stand-in/slack/types.ts';
