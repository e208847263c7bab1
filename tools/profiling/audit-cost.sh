#!/usr/bin/env bash
# What the audit row of every read costs PostgreSQL, and what batching the rows of concurrent reads would save.
#   tools/profiling/audit-cost.sh [SECONDS_PER_CASE]   (default 10)
# On a scratch PostgreSQL 15 cluster in a temporary folder (fsync on, synchronous_commit on: the settings Jusou runs
# with), pgbench with 8 clients for each case; tables shaped like a service's (consultations, audit_entries):
#   read             the GET's SELECT alone (no audit: the floor)
#   read+audit       SELECT, then INSERT one audit row in its own transaction (what AuditReadsAsync does today)
#   read+audit-tx    SELECT and INSERT in one transaction (one round trip fewer to wait for; same one commit)
#   audit-batched-16 one INSERT of 16 audit rows, one commit (what a group commit of 16 concurrent reads would do),
#                    reported per audit row
set -euo pipefail
seconds=${1:-10}
bin=/usr/lib/postgresql/15/bin
work=$(mktemp -d)
user=$(id -un)
trap '"$bin/pg_ctl" -D "$work/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
if [[ $user == root ]]; then chown -R postgres "$work"; run() { runuser -u postgres -- "$@"; }; else run() { "$@"; }; fi
run "$bin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
run "$bin/pg_ctl" -D "$work/data" -o "-p 55439 -k $work -c shared_buffers=256MB -c jit=off" -l "$work/log" start >/dev/null
psql() { run "$bin/psql" -h "$work" -p 55439 -U postgres -qAt "$@"; }
pgbench() { run "$bin/pgbench" -h "$work" -p 55439 -U postgres -n -c 8 -j 2 -T "$seconds" "$@" postgres; }
psql -c "
CREATE TABLE consultations (id uuid PRIMARY KEY, tenant_code varchar(6) NOT NULL, summary text NOT NULL, status varchar(40) NOT NULL,
  received_at timestamptz NOT NULL, version int NOT NULL);
INSERT INTO consultations SELECT gen_random_uuid(), '032085', repeat('相談', 50), 'received', now(), 1 FROM generate_series(1, 100000);
CREATE TABLE audit_entries (id uuid PRIMARY KEY, tenant_code varchar(6) NOT NULL, at timestamptz NOT NULL, subject varchar(200) NOT NULL,
  role varchar(200) NOT NULL, organisation varchar(200), action varchar(40) NOT NULL, record_type varchar(40) NOT NULL, record_id uuid,
  purpose varchar(40) NOT NULL, rule varchar(40) NOT NULL, correlation_id varchar(64) NOT NULL);
CREATE INDEX ON audit_entries (tenant_code, record_id);
ANALYZE;"
psql -c "CREATE TABLE ids AS SELECT row_number() OVER () AS n, id FROM consultations LIMIT 1000;"
row="gen_random_uuid(), '032085', now(), 'staff-1', 'coordinator', 'city-welfare', 'read', 'consultation', (SELECT id FROM ids WHERE n = :n), 'support', 'consent', 'corr-0123456789'"
cat >"$work/read.sql" <<EOF
\set n random(1, 1000)
SELECT c.* FROM consultations c JOIN ids ON ids.id = c.id WHERE ids.n = :n AND c.tenant_code = '032085';
EOF
cat >"$work/read-audit.sql" <<EOF
\set n random(1, 1000)
SELECT c.* FROM consultations c JOIN ids ON ids.id = c.id WHERE ids.n = :n AND c.tenant_code = '032085';
INSERT INTO audit_entries VALUES ($row);
EOF
cat >"$work/read-audit-tx.sql" <<EOF
\set n random(1, 1000)
BEGIN;
SELECT c.* FROM consultations c JOIN ids ON ids.id = c.id WHERE ids.n = :n AND c.tenant_code = '032085';
INSERT INTO audit_entries VALUES ($row);
COMMIT;
EOF
values=$(for i in $(seq 16); do printf '%s(%s)' "$([[ $i == 1 ]] || echo ,)" "$row"; done)
cat >"$work/audit-batched.sql" <<EOF
\set n random(1, 1000)
INSERT INTO audit_entries VALUES $values;
EOF
chown postgres "$work"/*.sql 2>/dev/null || true
tps() { pgbench -f "$work/$1.sql" | awk '/^tps = / {print $3}'; }
read=$(tps read)
audit=$(tps read-audit)
audit_tx=$(tps read-audit-tx)
batched=$(tps audit-batched)
printf '%-18s %10s %s\n' case "per second" "vs read alone"
printf '%-18s %10.0f\n' read "$read"
printf '%-18s %10.0f %6.2fx slower\n' read+audit "$audit" "$(echo "$read / $audit" | bc -l)"
printf '%-18s %10.0f %6.2fx slower\n' read+audit-tx "$audit_tx" "$(echo "$read / $audit_tx" | bc -l)"
printf "%-18s %10.0f audit rows/s (%.0f commits/s of 16 rows)\n" audit-batched-16 "$(echo "$batched * 16" | bc -l)" "$batched"
