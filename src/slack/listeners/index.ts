import type { App } from '@slack/bolt';
import type { Deps } from '../../usecases/ports.ts';
import { registerActionCommand } from './commands/action.ts';
import { registerIncidentCommand } from './commands/incident.ts';
import { registerLeadCommand } from './commands/lead.ts';
import { registerMessageEvents } from './events/message.ts';

export function registerListeners(app: App, deps: Deps): void {
  registerIncidentCommand(app, deps);
  registerLeadCommand(app, deps);
  registerActionCommand(app, deps);
  registerMessageEvents(app, deps);
}
