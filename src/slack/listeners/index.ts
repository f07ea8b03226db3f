import type { App } from '@slack/bolt';
import type { Deps } from '../../usecases/ports.ts';
import { registerPostmortemButtons } from './actions/postmortem-buttons.ts';
import { registerPostmortemReviewButton } from './actions/postmortem-review-button.ts';
import { registerReminderButtons } from './actions/reminder-buttons.ts';
import { registerActionCommand } from './commands/action.ts';
import { registerIncidentCommand } from './commands/incident.ts';
import { registerLeadCommand } from './commands/lead.ts';
import { eventRoutes } from './event-routes.ts';
import { registerKeyEvents } from './events/key-events.ts';
import { registerMessageEvents } from './events/message.ts';
import { registerAddToTimeline } from './shortcuts/add-to-timeline.ts';
import { registerCreateAction } from './shortcuts/create-action.ts';

export function registerListeners(app: App, deps: Deps): void {
  // Events go by type straight to their handler, past the other listeners' matchers.
  const events = eventRoutes(app);
  registerIncidentCommand(app, deps);
  registerLeadCommand(app, deps);
  registerActionCommand(app, deps);
  registerMessageEvents(events, deps);
  registerKeyEvents(events, deps);
  registerAddToTimeline(app, deps);
  registerCreateAction(app, deps);
  registerPostmortemButtons(app, deps);
  registerReminderButtons(app, deps);
  registerPostmortemReviewButton(app, deps);
}
