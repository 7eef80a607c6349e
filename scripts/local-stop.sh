#!/usr/bin/env bash
# `npm run local:stop`: stops what `npm run local` started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
stop_pidfile "$RUN/api.pid" api
stop_pidfile "$RUN/worker.pid" worker
if uses_local_broker; then bash "$ROOT/docker/kafka/broker.sh" stop; fi
