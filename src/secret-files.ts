import { readFileSync } from 'node:fs';

/** Every secret setting; each may instead name a file holding it (`SLACK_BOT_TOKEN_FILE`). */
export const SECRET_SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'WEBHOOK_TOKEN',
  'GITHUB_TOKEN',
  // The team site (src/web-config.ts).
  'SLACK_CLIENT_SECRET',
  'SESSION_SECRET',
  'WEB_API_TOKEN',
  // A connection URL carries the database password.
  'DATABASE_URL',
] as const;

/** Reads a secret file's text; injectable so loadConfig stays testable without files. */
export type ReadSecretFile = (path: string) => string;

export const readSecretFile: ReadSecretFile = (path) => readFileSync(path, 'utf8');

type Env = Readonly<Record<string, string | undefined>>;

export interface SecretFiles {
  /** The settings with every `*_FILE` secret read into its plain name. */
  env: Env;
  /** Problems with the `*_FILE` settings; they name the variable and path, never the content. */
  problems: string[];
  /** Secrets whose file could not be used: checks of the secret itself would only repeat that. */
  failed: string[];
}

/**
 * Docker and Kubernetes hand secrets over as files: `NAME_FILE=/run/secrets/x` stands for
 * `NAME=<the file's content>`, without the trailing newline editors and `echo` leave.
 */
export function readSecretFiles(
  env: Env,
  readFile: ReadSecretFile,
  /** The CLI reads only the one it needs: a broken Slack secret file must not stop an export. */
  names: readonly (typeof SECRET_SETTINGS)[number][] = SECRET_SETTINGS,
): SecretFiles {
  const merged: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  const failed: string[] = [];
  for (const name of names) {
    const fileVar = `${name}_FILE`;
    const path = env[fileVar]?.trim();
    if (!path) continue;
    if (env[name]?.trim()) {
      problems.push(`Set ${name} or ${fileVar}, not both`);
      failed.push(name);
      continue;
    }
    let content: string;
    try {
      content = readFile(path).trimEnd();
    } catch (error) {
      // The error code only: a message could, in some runtime, quote what it read.
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${fileVar}: cannot read ${path} (${code})`);
      failed.push(name);
      continue;
    }
    if (content.trim() === '') {
      problems.push(`${fileVar}: ${path} is empty`);
      failed.push(name);
      continue;
    }
    merged[name] = content;
  }
  return { env: merged, problems, failed };
}
