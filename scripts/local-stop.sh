#!/usr/bin/env bash
# `npm run local:stop`: stops what `npm run local` started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
stop_pidfile "$RUN/analytics.pid" analytics
stop_pidfile "$RUN/api.pid" api
# Every worker npm run local started (WORKER_PROCESSES): worker.pid, worker-2.pid, …
for file in "$RUN"/worker.pid "$RUN"/worker-*.pid; do
  [[ -e "$file" ]] && stop_pidfile "$file" "$(basename "$file" .pid)"
done
stop_pidfile "$RUN/idp.pid" idp
stop_pidfile "$RUN/maildev.pid" maildev
if [[ -f "$RUN/broker.started" ]]; then
  bash "$ROOT/docker/kafka/broker.sh" stop
  rm -f "$RUN/broker.started"
else
  say "broker left running (npm run local did not start it)"
fi
