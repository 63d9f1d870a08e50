#!/bin/bash
# The db-replica service: on an empty volume, a base backup of db-primary (pg_basebackup -R writes
# standby.signal and primary_conninfo), then PostgreSQL as a hot standby streaming from it.
set -euo pipefail
if [ -z "${REPLICATION_PASSWORD:-}" ]; then
    echo "REPLICATION_PASSWORD is empty: set it in the environment of docker compose (README," \
        "\"Deploying for a dealer group\")." >&2
    exit 1
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -h db-primary -p 5432 -U replicator; do sleep 2; done
    PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h db-primary -p 5432 -U replicator \
        -D "$PGDATA" -R -X stream --checkpoint=fast
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on "$@"
