#!/usr/bin/env bash
# `npm run local`: broker, migrations, demo staff and form, the local identity provider, a mail
# catcher, api, worker and analytics, all on this machine.
# Running it again reuses whatever is already up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node_modules
ensure_postgres
# Remember whether this started the broker: local:stop must not stop one that tests or a
# colleague's session are using.
if uses_local_broker && ! bash "$ROOT/docker/kafka/broker.sh" status >/dev/null 2>&1; then
  touch "$RUN/broker.started"
fi
ensure_kafka

say "building"
npm run --silent build
node dist/scripts/migrate.js
node dist/scripts/migrate-analytics.js
node dist/scripts/seed-demo.js

PORT="${PORT:-3000}"
ANALYTICS_PORT="${ANALYTICS_PORT:-3001}"
# One METRICS_PORT each: an exported METRICS_PORT would have all three fight for one port.
API_METRICS_PORT="${API_METRICS_PORT:-9464}"
WORKER_METRICS_PORT="${WORKER_METRICS_PORT:-9465}"
ANALYTICS_METRICS_PORT="${ANALYTICS_METRICS_PORT:-9466}"
IDP_PORT="${IDP_PORT:-3003}"
# API_PROCESSES (the api's own setting: a number or auto) api processes share PORT; WORKER_PROCESSES
# workers run beside each other, sharing the work through row locks.
WORKER_PROCESSES="${WORKER_PROCESSES:-1}"
[[ "$WORKER_PROCESSES" =~ ^[1-9][0-9]?$ ]] ||
  { say "WORKER_PROCESSES must be a number from 1 to 99, not '$WORKER_PROCESSES'" >&2; exit 1; }
# The workers and analytics run at a lower CPU priority (nice), so a burst of their work (a batch
# of leads to route, events to relay) does not hold up the api's answers on a shared machine
# (bench/RESULTS.md, issue 16 as a whole). BACKGROUND_NICE=0 runs them at the api's priority.
BACKGROUND_NICE="${BACKGROUND_NICE:-10}"
[[ "$BACKGROUND_NICE" =~ ^([0-9]|1[0-9])$ ]] ||
  { say "BACKGROUND_NICE must be a number from 0 to 19, not '$BACKGROUND_NICE'" >&2; exit 1; }
# The console signs staff in at the local OpenID Provider unless OIDC_ISSUER names another.
if [[ -z "${OIDC_ISSUER:-}" ]]; then
  start_app idp dist/apps/idp/src/main.js IDP_PORT="$IDP_PORT" \
    IDP_REDIRECT_URIS="http://localhost:$PORT/auth/callback,http://127.0.0.1:$PORT/auth/callback" \
    IDP_POST_LOGOUT_REDIRECT_URIS="http://localhost:$PORT/console/,http://127.0.0.1:$PORT/console/"
  wait_for idp "http://127.0.0.1:$IDP_PORT/.well-known/openid-configuration"
  SIGN_IN=(OIDC_ISSUER="http://localhost:$IDP_PORT" OIDC_CLIENT_ID=intake-console
    OIDC_CLIENT_SECRET=intake-console-local-secret PUBLIC_URL="http://localhost:$PORT")
else
  SIGN_IN=()
fi
# Alerts are mailed to a local catcher with a web inbox unless SMTP_HOST names a real server.
MAIL_WEB_PORT="${MAIL_WEB_PORT:-1080}"
if [[ -z "${SMTP_HOST:-}" ]]; then
  start_mail_catcher "${SMTP_PORT:-1025}" "$MAIL_WEB_PORT"
  MAIL=(SMTP_HOST=127.0.0.1 SMTP_PORT="${SMTP_PORT:-1025}")
  INBOX="http://localhost:$MAIL_WEB_PORT (maildev; SMTP 127.0.0.1:${SMTP_PORT:-1025})"
else
  MAIL=()
  INBOX="none: alerts go to $SMTP_HOST"
fi
# Local chat webhooks may be plain http (a receiver on this machine).
ALERTS=(PUBLIC_URL="${PUBLIC_URL:-http://localhost:$PORT}" ALERTS_CHAT_HTTPS_ONLY="${ALERTS_CHAT_HTTPS_ONLY:-false}")
start_app api dist/apps/api/src/main.js METRICS_PORT="$API_METRICS_PORT" "${SIGN_IN[@]}" \
  ALERTS_CHAT_HTTPS_ONLY="${ALERTS_CHAT_HTTPS_ONLY:-false}"
# WORKER_PROCESSES workers, each with its own metrics and health port (WORKER_METRICS_PORT, then
# the next ones, passing over the api's and analytics'), pid and log: worker, worker-2, …
WORKERS=()
port=$WORKER_METRICS_PORT
for i in $(seq 1 "$WORKER_PROCESSES"); do
  while [[ $port == "$API_METRICS_PORT" || $port == "$ANALYTICS_METRICS_PORT" ]]; do port=$((port + 1)); done
  name=worker
  ((i > 1)) && name="worker-$i"
  WORKERS+=("$name:$port")
  NICE_LEVEL=$BACKGROUND_NICE start_app "$name" dist/apps/worker/src/main.js METRICS_PORT="$port" \
    "${MAIL[@]}" "${ALERTS[@]}"
  port=$((port + 1))
done
NICE_LEVEL=$BACKGROUND_NICE start_app analytics dist/apps/analytics/src/main.js \
  METRICS_PORT="$ANALYTICS_METRICS_PORT"

wait_for api "http://127.0.0.1:$PORT/health/ready"
wait_for analytics "http://127.0.0.1:$ANALYTICS_PORT/health/ready"
for w in "${WORKERS[@]}"; do wait_for "${w%%:*}" "http://127.0.0.1:${w##*:}/health/ready"; done

cat <<MSG

Intake is up.
  Console       http://localhost:$PORT/console/
  Demo form     http://localhost:$PORT/demo
  Sign in       http://localhost:$PORT/auth/login (identity provider http://localhost:$IDP_PORT, local only)
                ada@clinic.example (admin), cora@clinic.example and cole@clinic.example (coordinators),
                vic@clinic.example (viewer); password intake-demo
  Intake API    POST http://localhost:$PORT/v1/forms/consultation/submissions
  Coordinator   http://localhost:$PORT/v1/leads (needs a key: npm run cli -- keys:create --role admin --name "Your Name")
  Alert inbox   $INBOX
  API docs      http://localhost:$PORT/docs
  Health        http://localhost:$PORT/health/ready
  Analytics     http://localhost:$ANALYTICS_PORT/v1/analytics/funnel?groupBy=source (same keys), health http://localhost:$ANALYTICS_PORT/health/ready
  Processes     api ×${API_PROCESSES:-1} (API_PROCESSES), worker ×$WORKER_PROCESSES (WORKER_PROCESSES); worker and analytics at nice $BACKGROUND_NICE (BACKGROUND_NICE)
  Metrics       http://127.0.0.1:$API_METRICS_PORT/metrics (api, every process summed), http://127.0.0.1:$ANALYTICS_METRICS_PORT/metrics (analytics), and each worker's:
$(for w in "${WORKERS[@]}"; do echo "                http://127.0.0.1:${w##*:}/metrics (${w%%:*}; health http://127.0.0.1:${w##*:}/health/ready: relay, outbox backlog, parked records)"; done)
  Kafka         ${KAFKA_BROKERS:-127.0.0.1:9092}, topic ${KAFKA_TOPIC:-intake.lead-events.v1}
  Logs          $RUN/api.log, $RUN/worker.log$(((WORKER_PROCESSES > 1)) && echo " (worker-2.log, …)"), $RUN/analytics.log, $RUN/idp.log, $RUN/maildev.log
Stop it all with: npm run local:stop
MSG
