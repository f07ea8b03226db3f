#!/bin/sh
# Writes the two secrets deploy/compose.postgres.yaml reads: a new database password and the
# DATABASE_URL built from it. Run it once, before the first `up`. It never overwrites: the
# database keeps the password it was created with, so a new file would lock the bots out.
#   deploy/make-secrets.sh [folder]      (default: deploy/secrets)
set -eu
dir="${1:-$(dirname "$0")/secrets}"
if [ -e "$dir/postgres_password" ] || [ -e "$dir/database_url" ]; then
  echo "$dir already holds database secrets; nothing written." >&2
  echo "To change the password, ALTER ROLE scribe in the database first, then edit both files." >&2
  exit 1
fi
umask 077
mkdir -p "$dir"
chmod 700 "$dir"
# Hex only: nothing in it that a URL would need escaped.
password=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$dir/postgres_password"
printf 'postgres://scribe:%s@postgres:5432/scribe\n' "$password" >"$dir/database_url"
# Readable inside the containers (postgres runs as uid 999, the bot as 1000), which mount the
# files themselves; the folder (700) keeps other users of this host out.
chmod 644 "$dir/postgres_password" "$dir/database_url"
echo "Wrote $dir/postgres_password and $dir/database_url."
