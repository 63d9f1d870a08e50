#!/bin/bash
# Runs once, when the db-primary volume is initialised (docker-entrypoint-initdb.d): the role the
# streaming replica connects with, and the replication entry of pg_hba.conf.
set -euo pipefail
if [ -z "${REPLICATION_PASSWORD:-}" ]; then
    echo "REPLICATION_PASSWORD is empty: set it in the environment of docker compose (README," \
        "\"Deploying for a dealer group\")." >&2
    exit 1
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
