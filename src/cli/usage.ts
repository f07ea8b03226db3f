export const USAGE = `Usage: scribe <command> [options]

Commands:
  export <incident>   Write an incident's post-mortem as Markdown, JSON or HTML
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

Settings, from the environment or a .env file in the current folder:
  DATABASE_PATH       the bot's SQLite file (default ./data/scribe.db); never created here
  SCRIBE_TIMEZONE     IANA time zone for the times shown (default UTC)

Exit status: 0 done, 1 failed (no database, no such incident, cannot write), 2 wrong usage.
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
