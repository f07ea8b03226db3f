import type { App } from '@slack/bolt';
import {
  ACTION_USAGE,
  type ActionCommand,
  parseActionCommand,
} from '../../../domain/commands/index.ts';
import { setActionPurpose } from '../../../usecases/action-purpose.ts';
import { addAction } from '../../../usecases/add-action.ts';
import { changeAction } from '../../../usecases/change-action.ts';
import { exportAction } from '../../../usecases/export-action.ts';
import { listActions } from '../../../usecases/list-actions.ts';
import { type CommandOutcome, type Deps, metricsOf } from '../../../usecases/ports.ts';
import { failureReport } from '../failures.ts';
import { commandOrUsage, replyWith } from './reply.ts';

type Who = { channelId: string; userId: string };

function run(deps: Deps, c: Exclude<ActionCommand, { kind: 'help' }>, who: Who) {
  switch (c.kind) {
    case 'add':
      return addAction(deps, {
        ...who,
        text: c.text,
        ownerId: c.ownerId,
        due: c.due,
        priority: c.priority,
        purpose: c.purpose ?? null,
      });
    case 'list':
      return listActions(deps, { ...who, filter: c.filter });
    case 'done':
      return changeAction(deps, { userId: who.userId, id: c.id, verb: { kind: 'done' } });
    case 'export':
      return exportAction(deps, { userId: who.userId, actionId: c.id });
    case 'assign':
      return changeAction(deps, {
        userId: who.userId,
        id: c.id,
        verb: { kind: 'assign', ownerId: c.ownerId },
      });
    case 'due':
      return changeAction(deps, {
        userId: who.userId,
        id: c.id,
        verb: { kind: 'due', due: c.due },
      });
    case 'drop':
      return changeAction(deps, {
        userId: who.userId,
        id: c.id,
        verb: { kind: 'drop', reason: c.reason },
      });
    case 'purpose':
      return setActionPurpose(deps, { id: c.id, purpose: c.purpose });
  }
}

export function registerActionCommand(app: App, deps: Deps, name = '/action'): void {
  const metrics = metricsOf(deps);
  app.command(name, async ({ command, ack, respond }) => {
    const c = await commandOrUsage(parseActionCommand(command.text), ack);
    if (!c) return metrics.command(name, 'usage');
    if (c.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: ACTION_USAGE });
      return metrics.command(`${name} help`, 'ok');
    }
    await ack();
    const who = { channelId: command.channel_id, userId: command.user_id };
    const failures = failureReport(deps, {
      command: `${name} ${c.kind}`,
      channelId: who.channelId,
    });
    const outcome = await replyWith(
      respond,
      failures,
      (): Promise<CommandOutcome> => run(deps, c, who),
    );
    metrics.command(`${name} ${c.kind}`, outcome);
  });
}
