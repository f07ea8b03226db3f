import { messageOf } from '../import/export-error.ts';

export const USAGE = `Usage: scribe <command> [options]

Commands:
  export <incident>   Write an incident's post-mortem as Markdown, JSON or HTML
  import <export>     Build an incident and its draft from a Slack workspace export
  backup <file>       Copy the database to <file> while the bot runs, and check the copy
  copy --from --to    Move everything between SQLite and PostgreSQL, and verify the copy
  stats               Incident numbers over a window: counts, TTD/TTM/TTR, follow-ups, alerts
  review              The weekly review (last week's incidents, drafts, follow-ups) for a window
  sandbox             Run the bot against a built-in local Slack, with a web page (no tokens)
  help                Show this help

scribe export <incident> [--format md|json|html] [--out FILE] [--public]

  <incident>          an incident id (12), a channel name ('#inc-checkout', quoted because
                      shells treat # as a comment) or a channel id (C0123ABCD); a channel
                      means its latest incident
  -f, --format FMT    md (default), json (docs/export-json.md) or html
  -o, --out FILE      write to FILE instead of standard output; its folder must exist
      --public        html only: a report fit to publish, without names, links, Slack ids,
                      chat messages, the transcript or the blameless review
  -h, --help          show this help

scribe import <export.zip|export-dir> --channel <name> [--from <time>] [--to <time>]
             [--title <text>] [--format md|json|html] [--out FILE] [--save]

  <export>            a Slack workspace export: the .zip Slack gives you, or its folder
  -c, --channel NAME  the incident channel, as named in channels.json (or its id)
      --from TIME     the window to import, inclusive: ISO 8601 (2026-03-12T14:05:00Z,
      --to TIME       2026-03-12T15:05+01:00), or 'YYYY-MM-DD HH:MM' in SCRIBE_TIMEZONE;
                      without them the window runs from the first alert or report to the
                      last message, and is printed so you can rerun with your own bounds
      --title TEXT    the incident's title (default '#<channel> (imported)')
  -f, --format FMT    md (default), json or html, as scribe export writes them
  -o, --out FILE      write to FILE instead of standard output; its folder must exist
      --save          store the incident in the bot's database (in one transaction); without
                      it nothing is written to any database (docs/import.md)

scribe backup <file> [--force]

  <file>              where the copy goes; its folder must exist. It is written under a
                      temporary name beside it and renamed once it passed an integrity check
      --force         replace <file> if it exists (without it an existing file is refused)
                      SQLite only: with DATABASE_URL, back PostgreSQL up with pg_dump

scribe copy --from <sqlite file | postgres url> --to <postgres url | sqlite file>

      --from DB       the database to read: a SQLite file (never created) or a
                      postgres:// URL; either engine's migrations are applied to it
      --to DB         an empty database to fill: a SQLite file (created if missing; its
                      folder must exist) or a postgres:// URL of an existing database.
                      Any row in it is refused, and nothing is written. Stop the bot first;
                      the copy is one transaction, verified by row counts and by each
                      incident's JSON export (docs/moving-from-sqlite.md)

scribe stats [--since 90d] [--service NAME] [--format md|json|csv]

      --since WINDOW  7d, 30d, 90d (default), 365d, any number of days, or all; incidents
                      count in the window they were declared in
      --service NAME  only incidents tagged service:NAME
  -f, --format FMT    md (default), json or csv (docs/stats.md)

scribe review [--since 7d] [--format md|json]

      --since WINDOW  the days to look back on (default 7d)
  -f, --format FMT    md (default) or json (docs/stats.md)

scribe sandbox [--port N]   the bot and a local Slack stand-in on 127.0.0.1; see
                            scribe sandbox --help and docs/sandbox.md

Settings, from the environment or a .env file in the current folder:
  DATABASE_PATH       the bot's SQLite file (default ./data/scribe.db); export, backup,
                      stats and review never create it, import --save does when it is missing
  DATABASE_URL        postgres://user:password@host:5432/db: use the bot's PostgreSQL
                      instead of DATABASE_PATH (or DATABASE_URL_FILE, a file holding it)
  SCRIBE_TIMEZONE     IANA time zone for the times shown (default UTC)

Exit status: 0 done, 1 failed (no database, no such incident, a bad export, already imported,
cannot write, the backup exists, a backup asked of PostgreSQL, a copy target holding data or
a copy that does not match its source), 2 wrong usage.
`;

/** A failure to report in one line, with the exit status it calls for. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the command could not be carried out; 2: it was used wrongly. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Runs an option parser; what it throws (unknown option, missing value) is wrong usage. */
export function parseUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(messageOf(error), 2);
  }
}
