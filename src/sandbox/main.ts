// `npm run sandbox`: the bot against the built-in Slack stand-in, with its page on loopback.
import { sandboxCommand } from '../cli/sandbox.ts';

process.exit(await sandboxCommand(process.argv.slice(2)));
