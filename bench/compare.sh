#!/usr/bin/env bash
# `npm run bench:compare`: Intake against the framework-free reference (bench/reference/, copied
# unchanged from ../shared/bench/), alternating rounds in one sitting with the same load generator,
# so the ratio holds on a noisy machine — as ../shared/bench/compare.sh, plus what each accepted
# submission cost in CPU across the processes on the path.
#
# Usage: bench/compare.sh [rounds] [seconds] [connections]   (defaults 3 15 64)
#        BENCH_RATE=50 bench/compare.sh …   both sides posted at 50 a second, evenly spaced
#        (bench/paced-load.mjs, an open loop; connections unused),
#        not flat out: latency at a set load (the issue's p99 at half the maximum throughput).
# Needs Intake up (`npm run local`). It posts to a form `compare`: the demo's `consultation` form
# as it is, but with limits no load generator on one address would stay under (the demo's allow
# 20 posts per address per 10 minutes, and a 429 is not throughput). The reference gets a
# database `bench` of its own (BENCH_DATABASE_URL for another).
#
# Each round prints one JSON line (load.mjs's figures, then cpu_ms and cpu_ms_per_accepted: the
# user+system CPU of the api, worker and analytics processes, the Kafka broker and every
# PostgreSQL process, or of the reference and PostgreSQL, over the round, per 2xx answer); the
# last line has the medians and the ratio.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
rounds=${1:-3} secs=${2:-15} conns=${3:-64}
INTAKE_DB=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/intake}
REF_DB=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench}
url="http://127.0.0.1:${PORT:-3000}/v1/forms/compare/submissions"
RUN="$ROOT/.local/run"

work="$ROOT/.local/bench-reference"
mkdir -p "$work" && cp bench/reference/*.mjs bench/paced-load.mjs "$work"/
[[ -d "$work/node_modules/autocannon" ]] ||
  (cd "$work" && npm init -y >/dev/null && npm i pg@8 autocannon@8 >/dev/null 2>&1)

curl -sf "http://127.0.0.1:${PORT:-3000}/health/ready" >/dev/null ||
  { say "Intake is not up: npm run local" >&2; exit 1; }
psql "$INTAKE_DB" -v ON_ERROR_STOP=1 -q <<'SQL'
INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                   required_fields, min_fill_seconds, limits, require_start_token, captcha,
                   created_at, updated_at)
SELECT 'compare', 'Benchmark copy of consultation', allowed_origins, thank_you_url, honeypot_field,
       field_aliases, required_fields, min_fill_seconds,
       '{"perSource":{"limit":1000000,"windowSeconds":1},"perForm":{"limit":1000000,"windowSeconds":1},"perContact":{"limit":1000000,"windowSeconds":1}}',
       require_start_token, captcha, now(), now()
  FROM forms WHERE key = 'consultation'
ON CONFLICT (key) DO UPDATE SET limits = EXCLUDED.limits, updated_at = now();
SQL
psql "$REF_DB" -c 'select 1' >/dev/null 2>&1 || createdb -h 127.0.0.1 -U postgres bench

(cd "$work" && DATABASE_URL="$REF_DB" exec node bare-intake.mjs) &
ref=$!
trap 'kill $ref 2>/dev/null || true' EXIT
sleep 2

# The processes on each side's path, by part, with their children (an api run as several
# processes); the postmaster's children's time holds the backends that ended.
tree() { local p; for p in "$@"; do echo "$p"; tree $(pgrep -P "$p" || true); done; }
pid_of() { [[ -f $1 ]] && cat "$1" || true; }
pids() { # part
  case $1 in
    api | analytics) tree $(pid_of "$RUN/$1.pid") ;;
    # Every worker npm run local started (WORKER_PROCESSES): worker.pid, worker-2.pid, …
    worker) for f in "$RUN"/worker.pid "$RUN"/worker-*.pid; do tree $(pid_of "$f"); done ;;
    kafka) tree $(pid_of .local/kafka/broker.pid) ;;
    postgres) pgrep -x postgres || true ;;
    reference) echo "$ref" ;;
  esac
}
INTAKE_PARTS=(api worker analytics kafka postgres)
REFERENCE_PARTS=(reference postgres)
# utime+stime+cutime+cstime in clock ticks of these processes.
ticks() {
  local total=0 pid f
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    read -r -a f <<<"$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}
# `part=ticks …` for each part; a process that started during the round counts whole.
sample() { local part; for part in "$@"; do echo "$part=$(ticks $(pids "$part"))"; done; }
hz=$(getconf CLK_TCK)

# Wait until the machine is quiet (over 80% idle for 2 s, at most 180 s), so neither side runs
# while the other's background work (routing, relay, consumers) is still draining.
wait_quiet() {
  local a b c d e f g h busy idle
  for _ in $(seq 1 90); do
    read -r _ a b c d _ </proc/stat; sleep 2; read -r _ e f g h _ </proc/stat
    busy=$(((e + f + g) - (a + b + c))); idle=$((h - d))
    (( idle * 100 / (busy + idle + 1) >= 80 )) && return 0
  done
}

out="$(mktemp)"
# This machine's PostgreSQL runs with autovacuum off (/etc/postgresql/15/main/conf.d/90-ci.conf),
# so nothing gathers the planner's statistics as tables grow, as it would in production: without
# them the reference's duplicate lookup scanned its whole table (35 ms at 50,000 leads, slower
# every round) and Intake's previous-owner lookup walked every lead. Each side's database is
# analyzed before its round.
round() { # side url database parts…
  local side=$1 target=$2 db=$3 before after line
  shift 3
  psql "$db" -qc 'ANALYZE'
  wait_quiet
  before=$(sample "$@")
  if [[ -n ${BENCH_RATE:-} ]]; then
    line=$(cd "$work" && node paced-load.mjs "$target" "$secs" "$BENCH_RATE")
  else
    line=$(cd "$work" && node load.mjs "$target" "$secs" "$conns")
  fi
  # The tail of the work each request started (relay, routing, consumers) counts too.
  wait_quiet
  after=$(sample "$@")
  node -e '
    const [line, before, after, hz, side] = process.argv.slice(1);
    const parse = (s) => Object.fromEntries(s.trim().split("\n").map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
    const [b, a] = [parse(before), parse(after)];
    const r = JSON.parse(line);
    const accepted = r.rps_2xx * r.seconds;
    const perPart = Object.fromEntries(Object.keys(a).map((k) => [k, Math.round(((a[k] - b[k]) * 1000) / Number(hz))]));
    const cpuMs = Object.values(perPart).reduce((x, y) => x + y, 0);
    console.log(JSON.stringify({ side, ...r, cpu_ms: cpuMs,
      cpu_ms_per_accepted: accepted ? +(cpuMs / accepted).toFixed(2) : null,
      cpu_ms_per_accepted_by_part: Object.fromEntries(Object.entries(perPart).map(([k, v]) => [k, accepted ? +(v / accepted).toFixed(2) : null])) }));
  ' "$line" "$before" "$after" "$hz" "$side" | tee -a "$out"
}
for _ in $(seq 1 "$rounds"); do
  round intake "$url" "$INTAKE_DB" "${INTAKE_PARTS[@]}"
  round reference http://127.0.0.1:3901/ "$REF_DB" "${REFERENCE_PARTS[@]}"
done
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const of = (side, k) => med(rows.filter((r) => r.side === side).map((r) => r[k]));
  const i = of("intake", "rps_2xx"), b = of("reference", "rps_2xx");
  console.log(JSON.stringify({ intake_rps: i, reference_rps: b, ratio: +(i / b).toFixed(3),
    intake_p50_ms: of("intake", "p50_ms"), intake_p99_ms: of("intake", "p99_ms"),
    reference_p99_ms: of("reference", "p99_ms"),
    intake_cpu_ms_per_accepted: of("intake", "cpu_ms_per_accepted"),
    reference_cpu_ms_per_accepted: of("reference", "cpu_ms_per_accepted") }));
' "$out"
