#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with a database "test" (trust auth),
# for the workspace store's tests. Idempotent; run as root (CI) on Debian/Ubuntu.
#   - if the server already answers, only make sure the database exists;
#   - else install Debian's postgresql, start its cluster, trust local TCP, create "test".
set -euo pipefail

HOST=127.0.0.1
PORT=5432
DB=test

answers() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! answers; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "ensure-postgres: installing Debian's postgresql" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    fi
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
        pg_createcluster "$version" main >/dev/null
    fi
    conf_dir="/etc/postgresql/$version/main"
    # Tests connect over TCP as postgres without a password: trust local connections only.
    hba="$conf_dir/pg_hba.conf"
    if ! grep -q "wagekit-tests" "$hba"; then
        { printf 'host all all 127.0.0.1/32 trust # wagekit-tests\n'
          printf 'host all all ::1/128 trust # wagekit-tests\n'
          cat "$hba"; } > "$hba.new"
        chown --reference="$hba" "$hba.new" && chmod --reference="$hba" "$hba.new"
        mv "$hba.new" "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
        || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    for _ in $(seq 1 30); do answers && break; sleep 1; done
    answers || { echo "ensure-postgres: server did not start" >&2; exit 1; }
fi

if ! psql -h "$HOST" -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" \
        | grep -q 1; then
    psql -h "$HOST" -p "$PORT" -U postgres -c "CREATE DATABASE $DB" >/dev/null
fi
echo "ensure-postgres: postgresql+psycopg://postgres@$HOST:$PORT/$DB is ready" >&2
