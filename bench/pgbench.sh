#!/usr/bin/env bash
# `npm run bench:pgbench`: the PostgreSQL ceiling for the intake bench. Runs one accepted
# submission's SQL (bench/pgbench-submission.sql) with pgbench against intake_bench, with the
# HTTP bench's client count and duration, and prints tps and latency.
#
# Env: BENCH_DURATION (20 s), BENCH_CONNECTIONS (16 clients), BENCH_WARMUP (3 s, 0 for none),
#      BENCH_THREADS (2), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/intake_bench).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DB_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/intake_bench}"
CLIENTS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-3}"
SCRIPT="$ROOT/bench/pgbench-submission.sql"
PGBENCH="$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)"

db_name="${DB_URL##*/}"
db_name="${db_name%%\?*}"
[[ "$db_name" == *bench* ]] || { echo "pgbench: refusing database \"$db_name\" (no \"bench\")" >&2; exit 1; }

# The schema comes from the service's own migrations (creates the database if missing).
DATABASE_URL="$DB_URL" npx ts-node -r tsconfig-paths/register scripts/migrate.ts >/dev/null

# Empty tables and the bench form, as the HTTP bench starts.
psql "$DB_URL" -qX -v ON_ERROR_STOP=1 <<'SQL'
TRUNCATE routing_queue, follow_ups, assignment_decisions, lead_history, lead_notes, lead_contact_attempts, lead_contacts_to_confirm, consent_records, leads, submissions, data_keys, idempotency_keys, outbox, event_sequences, outbox_retention RESTART IDENTITY;
INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                   required_fields, min_fill_seconds)
VALUES ('bench', 'Benchmark', '{}', 'https://bench.example/thank-you', 'website', '{}', '{}', 0)
ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, updated_at = now();
SQL

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() {
  # -M extended: unnamed statements parsed on every call, as node-postgres sends them.
  "$PGBENCH" -n -M extended -c "$CLIENTS" -j "$THREADS" -T "$1" -D i=0 -f "$SCRIPT" "${@:2}" "$DB_URL"
}
if [[ "$WARMUP" != 0 ]]; then run "$WARMUP" >"$work/warmup.out" 2>&1 || { cat "$work/warmup.out" >&2; exit 1; }; fi
# Ids are unique per (client, counter) within one pgbench run, and -D i=0 restarts the counter:
# the warm-up's rows go before the measured run.
psql "$DB_URL" -qX -v ON_ERROR_STOP=1 -c 'TRUNCATE routing_queue, follow_ups, assignment_decisions, lead_history, lead_notes, lead_contact_attempts, lead_contacts_to_confirm, consent_records, leads, submissions, data_keys, idempotency_keys, outbox, event_sequences, outbox_retention RESTART IDENTITY'
(cd "$work" && run "$DURATION" -l --log-prefix=tx) >"$work/run.out" 2>&1 || { cat "$work/run.out" >&2; exit 1; }

tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$work/run.out")"
processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/run.out")"
failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/run.out")"
avg="$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$work/run.out")"
# Per-transaction log: client, tx no, latency (µs), script, epoch s, µs.
read -r p50 p99 < <(cat "$work"/tx.* | awk '{print $3}' | sort -n | awk '
  { v[NR] = $1 }
  END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1;
        printf "%.1f %.1f\n", v[i50] / 1000, v[i99] / 1000 }')
rows="$(psql "$DB_URL" -qXAt -c 'SELECT (SELECT count(*) FROM leads) || $$ $$ || (SELECT count(*) FROM submissions) || $$ $$ || (SELECT count(*) FROM outbox)')"
read -r leads submissions events <<<"$rows"

status=OK
[[ -n "$tps" && "$processed" -gt 0 ]] || status=FAILED
[[ "${failed:-0}" == 0 ]] || status=FAILED
[[ "$leads" == "$processed" && "$submissions" == "$processed" && "$events" == "$processed" ]] || status=FAILED

cat <<EOF
pgbench submission  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $CLIENTS clients, $THREADS threads, $DURATION s after $WARMUP s warm-up
  tps             $tps  ($processed transactions, ${failed:-0} failed)
  latency         p50 $p50 ms, p99 $p99 ms, avg $avg ms
  rows            $leads leads, $submissions submissions, $events outbox
  result          $status
EOF
printf '{"bench":"pgbench-submission","clients":%s,"threads":%s,"durationS":%s,"tps":%s,"transactions":%s,"failed":%s,"latencyP50Ms":%s,"latencyP99Ms":%s,"latencyAvgMs":%s,"ok":%s}\n' \
  "$CLIENTS" "$THREADS" "$DURATION" "${tps:-null}" "${processed:-0}" "${failed:-0}" "${p50:-null}" "${p99:-null}" "${avg:-null}" \
  "$([[ $status == OK ]] && echo true || echo false)"
[[ $status == OK ]]
