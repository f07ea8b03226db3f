import { expect } from 'vitest';
import type { ActionCommand, ActionPriority, Parsed } from '../../../src/domain/commands/index.ts';

/** `command(text)` for input that must parse, `error(text)` for input that must not (with usage). */
export function parserHelpers<T>(parse: (text: string) => Parsed<T>, usage: string) {
  return {
    command(text: string): T {
      const result = parse(text);
      if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(text)}: ${result.error}`);
      return result.command;
    },
    error(text: string): string {
      const result = parse(text);
      if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
      expect(result.usage).toBe(usage);
      return result.error;
    },
  };
}

/** The `/action` command that adds an action, as the parser should return it. */
export function addAction(
  text: string,
  ownerId: string | null,
  due: string | null,
  priority: ActionPriority | null = null,
): ActionCommand {
  return { kind: 'add', text, ownerId, due, priority };
}
