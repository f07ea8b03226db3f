/**
 * A PostgreSQL URL as it may be shown in errors and logs: user, host, port and database, never
 * the password (nor anything else in the query string, where `password=` may also sit).
 */
export function redactPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL)';
  }
  const user = parsed.username ? `${parsed.username}@` : '';
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
}

/** Refuses anything but a postgres:// or postgresql:// URL, saying so without echoing it. */
export function checkPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('A PostgreSQL URL must look like postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(
      `A PostgreSQL URL starts with postgres:// or postgresql://, not ${parsed.protocol}//`,
    );
  }
}

/**
 * Why a connection failed. Node reports a refused connection to a name with two addresses
 * (localhost) as an AggregateError with an empty message: its parts say why.
 */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(reasonOf))].join('; ');
  }
  // drizzle wraps a driver error in "Failed query: <the whole statement>": the driver says why.
  if (error instanceof Error && error.message.startsWith('Failed query') && error.cause) {
    return reasonOf(error.cause);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message) return error.message;
    if (typeof code === 'string') return code;
  }
  return String(error);
}
