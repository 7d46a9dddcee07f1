#!/usr/bin/env bash
# Makes a local PostgreSQL ready for the service and its tests. Idempotent: run it as often as you like.
#   1. installs Debian's postgresql package when no PostgreSQL server is installed (needs root or sudo);
#   2. creates a cluster when there is none, and starts it;
#   3. creates the application role and the dev and test databases.
# Nothing here is for production: the role's password is a local development default.
# Override with KAERS_DB_PORT, KAERS_DB_USER, KAERS_DB_PASSWORD, KAERS_DB_NAMES (space-separated).
set -euo pipefail

port="${KAERS_DB_PORT:-5432}"
app_user="${KAERS_DB_USER:-kaers}"
app_password="${KAERS_DB_PASSWORD:-kaers}"
databases="${KAERS_DB_NAMES:-kaers_dev kaers_test kaers_bench}"

say() { printf 'local-db: %s\n' "$*"; }
die() { printf 'local-db: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@" || die "needs root for: $* (run with sudo)"
  else die "needs root for: $* (no sudo available)"; fi
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -n -u postgres "$@" || die "cannot act as the postgres user (need root or sudo)"; fi
}

# 1. server installed?
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "no PostgreSQL server found; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q >/dev/null || die "apt-get update failed; is Debian's package registry reachable?"
  as_root apt-get install -y -q postgresql >/dev/null || die "apt-get install postgresql failed"
fi
command -v pg_lsclusters >/dev/null 2>&1 || die "pg_lsclusters missing: the postgresql-common package is not installed"

# 2. a cluster, started
if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  say "creating cluster $version/main on port $port"
  as_root pg_createcluster "$version" main --port "$port" >/dev/null
fi
read -r version cluster cluster_port status _ < <(pg_lsclusters -h | sort -V | tail -n 1)
[ "$cluster_port" = "$port" ] || say "note: cluster $version/$cluster listens on $cluster_port, not $port"
port="$cluster_port"
if [ "$status" != online ]; then
  say "starting cluster $version/$cluster"
  as_root pg_ctlcluster "$version" "$cluster" start || die "could not start $version/$cluster; see /var/log/postgresql/"
fi
for _ in $(seq 1 60); do
  pg_isready -q -h localhost -p "$port" && break
  sleep 0.5
done
pg_isready -q -h localhost -p "$port" || die "PostgreSQL did not become ready on port $port"

# 3. role and databases
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }
if [ "$(psql_admin -tAc "select 1 from pg_roles where rolname = '$app_user'")" != 1 ]; then
  say "creating role $app_user"
  psql_admin -c "create role \"$app_user\" login password '$app_password'"
else
  psql_admin -c "alter role \"$app_user\" login password '$app_password'"
fi
for db in $databases; do
  if [ "$(psql_admin -tAc "select 1 from pg_database where datname = '$db'")" != 1 ]; then
    say "creating database $db"
    psql_admin -c "create database \"$db\" owner \"$app_user\" encoding 'UTF8' template template0"
  fi
done
say "ready: postgresql://$app_user@localhost:$port/{${databases// /,}}"
