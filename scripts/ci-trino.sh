#!/usr/bin/env bash
# A real multi-process Trino cluster on 127.0.0.1 for the parity tests (issue #18): the server
# tarball and the memory connector from Maven Central, a coordinator that schedules no work itself
# and one separate worker, each its own JVM at -Xmx1G. Prints the engine URL on its last line.
#
#   bash scripts/ci-trino.sh            # install (once) and start; prints trino://…
#   bash scripts/ci-trino.sh stop       # stop both processes
#
# Environment: TRINO_HOME (default /tmp/pipeprism-trino), TRINO_PORT (coordinator, default 18080;
# the worker takes the next port), TRINO_JAVA_HOME (a Java 24+ JDK; default the Temurin 25 JDK).
set -euo pipefail

VERSION=476
HOME_DIR="${TRINO_HOME:-/tmp/pipeprism-trino}"
PORT="${TRINO_PORT:-18080}"
WORKER_PORT=$((PORT + 1))
JAVA_DIR="${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SERVER="$HOME_DIR/trino-server-core-$VERSION"
export JAVA_HOME="$JAVA_DIR"
export PATH="$JAVA_DIR/bin:$PATH"

launcher() {
  local role="$1"
  shift
  "$SERVER/bin/launcher" --etc-dir="$HOME_DIR/$role/etc" --data-dir="$HOME_DIR/$role/data" "$@"
}

if [[ "${1:-start}" == "stop" ]]; then
  launcher worker stop || true
  launcher coordinator stop || true
  exit 0
fi

install_server() {
  [[ -x "$SERVER/bin/launcher" && -d "$SERVER/plugin/memory" ]] && return
  mkdir -p "$HOME_DIR/download"
  mvn -q dependency:copy -Dartifact="io.trino:trino-server-core:$VERSION:tar.gz" -DoutputDirectory="$HOME_DIR/download"
  mvn -q dependency:copy -Dartifact="io.trino:trino-memory:$VERSION:zip" -DoutputDirectory="$HOME_DIR/download"
  tar xzf "$HOME_DIR/download/trino-server-core-$VERSION.tar.gz" -C "$HOME_DIR"
  # Only the memory connector is used: the other bundled plugins cost start-up time and disk.
  rm -rf "$SERVER/plugin"/* "$SERVER/secrets-plugin"
  (cd "$SERVER/plugin" && unzip -q "$HOME_DIR/download/trino-memory-$VERSION.zip" && mv "trino-memory-$VERSION" memory)
  rm -rf "$HOME_DIR/download"
}

# One node's etc/: node identity, its role, a small heap and the memory catalog.
configure() {
  local role="$1" port="$2" coordinator="$3"
  local etc="$HOME_DIR/$role/etc"
  mkdir -p "$etc/catalog" "$HOME_DIR/$role/data"
  cat >"$etc/node.properties" <<EOF
node.environment=pipeprism_ci
node.id=$role
node.data-dir=$HOME_DIR/$role/data
EOF
  cat >"$etc/jvm.config" <<EOF
-server
-Xmx1G
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-Djdk.attach.allowAttachSelf=true
EOF
  {
    echo "coordinator=$coordinator"
    [[ "$coordinator" == "true" ]] && echo "node-scheduler.include-coordinator=false"
    echo "http-server.http.port=$port"
    echo "discovery.uri=http://127.0.0.1:$PORT"
    echo "query.max-memory=512MB"
    echo "query.max-memory-per-node=384MB"
  } >"$etc/config.properties"
  cat >"$etc/catalog/memory.properties" <<EOF
connector.name=memory
memory.max-data-per-node=512MB
EOF
}

# Active worker processes, asked through the statement protocol (the node API needs credentials).
active_workers() {
  PORT="$PORT" node -e '
    const base = `http://127.0.0.1:${process.env.PORT}`;
    const headers = { "X-Trino-User": "ci" };
    const sql = "SELECT count(*) FROM system.runtime.nodes WHERE NOT coordinator AND state = \x27active\x27";
    (async () => {
      let page = await (await fetch(`${base}/v1/statement`, { method: "POST", headers, body: sql })).json();
      let rows = [];
      while (true) {
        if (page.data) rows = rows.concat(page.data);
        if (!page.nextUri) break;
        page = await (await fetch(page.nextUri, { headers })).json();
      }
      console.log(page.error ? 0 : (rows[0]?.[0] ?? 0));
    })().catch(() => console.log(0));
  '
}

install_server
configure coordinator "$PORT" true
configure worker "$WORKER_PORT" false
# `status` exits 0 while running: starting twice is harmless.
launcher coordinator status >/dev/null 2>&1 || launcher coordinator start
launcher worker status >/dev/null 2>&1 || launcher worker start

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$PORT/v1/info" 2>/dev/null | grep -q '"starting":false' && [[ "$(active_workers)" -ge 1 ]]; then
    echo "trino://ci@127.0.0.1:$PORT/memory/default"
    exit 0
  fi
  sleep 1
done
echo "Trino did not become active in 120 s; logs under $HOME_DIR/*/data/var/log" >&2
exit 1
