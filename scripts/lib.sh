# Shared by local.sh, local-stop.sh and test.sh: install what is missing, start what is down.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.local/run"
mkdir -p "$RUN"

say() { echo "intake: $*"; }

# npm ci when node_modules is missing or older than the lockfile. Never through a symbolic link
# (a git worktree sharing another checkout's packages): npm ci would empty the folder it points to.
ensure_node_modules() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [[ -L "$ROOT/node_modules" ]]; then
    [[ -f "$stamp" ]] || { say "node_modules links to a folder without packages: run npm ci where it points" >&2; return 1; }
    return 0
  fi
  if [[ ! -f "$stamp" || "$ROOT/package-lock.json" -nt "$stamp" ]]; then
    say "installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The machine's PostgreSQL; started if it is installed here but down.
ensure_postgres() {
  local host=127.0.0.1 port=5432
  if pg_isready -q -h "$host" -p "$port" 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null; then
    local version
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$version" ]] && { say "starting PostgreSQL $version"; pg_ctlcluster --skip-systemctl-redirect "$version" main start || true; }
    for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && return 0; sleep 1; done
  fi
  say "PostgreSQL is not reachable on $host:$port (set DATABASE_URL to one that is)" >&2
  return 1
}

# KAFKA_BROKERS pointing elsewhere is used as is; otherwise the project's own broker.
uses_local_broker() {
  [[ -z "${KAFKA_BROKERS:-}" || "${KAFKA_BROKERS}" =~ ^(127\.0\.0\.1|localhost):9092$ ]]
}

ensure_kafka() {
  if uses_local_broker; then
    bash "$ROOT/docker/kafka/broker.sh" start
  else
    say "using Kafka at $KAFKA_BROKERS"
  fi
}

# kcat (librdkafka) reads the topic in the suites as a client independent of kafkajs; it comes
# from Debian's packages (as root, or through sudo).
ensure_kcat() {
  command -v kcat >/dev/null && return 0
  say "installing kcat (Debian package)"
  local sudo=""
  [[ $(id -u) != 0 ]] && sudo="sudo -n"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kcat >/dev/null
  command -v kcat >/dev/null || { say "kcat could not be installed" >&2; return 1; }
}

# Debian's chromium, for the browser suites (Playwright drives it as an installed browser, its
# executablePath being the path this prints: /usr/bin/chromium). As root, or through sudo.
CHROMIUM="/usr/bin/chromium"
ensure_chromium() {
  if [[ ! -x "$CHROMIUM" ]]; then
    say "installing chromium (Debian package)" >&2
    local sudo=""
    [[ $(id -u) != 0 ]] && sudo="sudo -n"
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    [[ -x "$CHROMIUM" ]] || { say "chromium could not be installed" >&2; return 1; }
  fi
  echo "$CHROMIUM"
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# start_app name entry [VAR=value…]: a built app in the background, the variables for that
# process alone; its pid and log in $RUN.
start_app() {
  local name=$1 entry=$2
  shift 2
  if pid_alive "$RUN/$name.pid"; then say "$name already running (pid $(cat "$RUN/$name.pid"))"; return; fi
  # As the image runs them (docker/Dockerfile: kafkajs's harmless negative timer on Node 24).
  # NICE_LEVEL: its CPU priority (nice), 0 unless the caller sets one.
  env "$@" nohup nice -n "${NICE_LEVEL:-0}" node --disable-warning=TimeoutNegativeWarning "$entry" \
    >>"$RUN/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
  say "$name started (pid $!, log $RUN/$name.log)"
}

# wait_for name url: until the url answers 2xx, or the app named has exited (60 s at most).
wait_for() {
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    curl -fsS --max-time 5 "$url" >/dev/null 2>&1 && return 0
    pid_alive "$RUN/$name.pid" || { tail -n 30 "$RUN/$name.log"; say "$name exited" >&2; return 1; }
    sleep 0.5
  done
  say "$name not ready at $url; see $RUN/$name.log" >&2
  return 1
}

# start_mail_catcher smtp_port web_port: maildev, a real SMTP server that keeps every message
# and shows it in a web inbox, both on 127.0.0.1: where local alerts are mailed.
start_mail_catcher() {
  local smtp_port=$1 web_port=$2
  start_app maildev "$ROOT/node_modules/maildev/dist/bin/maildev.js" \
    MAILDEV_SMTP_PORT="$smtp_port" MAILDEV_IP=127.0.0.1 \
    MAILDEV_WEB_PORT="$web_port" MAILDEV_WEB_IP=127.0.0.1
  wait_for maildev "http://127.0.0.1:$web_port/api/healthz"
}

# SIGTERM, then wait for a graceful exit (in-flight requests, the relay's batch).
stop_pidfile() {
  local file=$1 name=$2 pid
  if ! pid_alive "$file"; then rm -f "$file"; return 0; fi
  pid="$(cat "$file")"
  kill -TERM "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { say "$name did not stop in 30 s; killing"; kill -KILL "$pid"; }
  rm -f "$file"
  say "$name stopped"
}

# Node.js 24, the production image's runtime, from the npm registry (the `node` package ships the
# binary) into .local/node24; prints the binary's path. The development runtime stays the
# machine's own node.
NODE24_DIR="$ROOT/.local/node24"
ensure_node24() {
  local bin="$NODE24_DIR/node_modules/node/bin/node"
  if [[ ! -x "$bin" ]] || [[ "$("$bin" --version 2>/dev/null)" != v24.* ]]; then
    say "installing Node.js 24 from the npm registry into .local/node24" >&2
    rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
    npm install --prefix "$NODE24_DIR" --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  [[ "$("$bin" --version 2>/dev/null)" == v24.* ]] || { say "Node.js 24 could not be installed" >&2; return 1; }
  echo "$bin"
}
