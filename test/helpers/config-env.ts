// The smallest environment loadConfig accepts, and a way to read the problems it reports, shared
// by the config test files so each states only the settings it is about.
import { ConfigError, loadConfig } from '../../src/config.ts';

export const valid = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'shh-very-secret' };

/** The problems loadConfig reports for `env`; empty when it accepts it. */
export function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
