#!/usr/bin/env bash
# Browser, conformance and client checks against a real thidua binary:
#
#   bash tests/js/run.sh target/debug/thidua
#
# Starts `BINARY serve` (development, a fresh SQLite file in a temporary folder, the demo
# province, THIDUA_CORS_ORIGINS naming one local origin) on a free port, waits for /readyz,
# then runs the checks, each a node script of this folder:
#   browser        GraphiQL in headless Chromium, offline: loads, runs a query, autocompletes,
#                  docs explorer, a signed-in subscription; no console error or CSP violation
#   cors           a page of the listed origin may call the API with Authorization, another
#                  origin may not
#   audit          graphql-http's GraphQL-over-HTTP server audits: no MUST may fail
#   introspection  graphql-codegen's schema of the live URL equals schema.graphql
#   client         examples/rankings-client against the server, with one live update
#   upload         apollo-upload-client and a Chromium page attach files to a dossier and
#                  download them
# The server is always stopped and the folder removed. Exits 1 if any check failed, naming them.
# Needs node 20+, /usr/bin/chromium (or CHROMIUM) and `npm ci` done in tests/js and
# examples/rankings-client.
set -uo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 BINARY" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [ ! -x "$binary" ]; then
    echo "run.sh: $1 is not an executable" >&2
    exit 2
fi
for folder in "$here" "$root/examples/rankings-client"; do
    if [ ! -d "$folder/node_modules" ]; then
        echo "run.sh: run \`npm ci\` in $folder first" >&2
        exit 2
    fi
done
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "run.sh: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)" >&2
    exit 2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/thidua-js.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null
        wait "$server" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Two free ports for the origins of the CORS check (the listed one and one that is not).
read -r origin_port other_port < <(node -e '
const net = require("net");
const a = net.createServer().listen(0, "127.0.0.1", () => {
  const b = net.createServer().listen(0, "127.0.0.1", () => {
    console.log(a.address().port, b.address().port); a.close(); b.close();
  });
});')

# The server on a port of its choosing (127.0.0.1:0); its log says which. It runs in the
# temporary folder, where development makes its signing key.
(
    cd "$tmp" &&
    exec env -u THIDUA_NO_DEMO -u THIDUA_PARTNERS_FILE -u THIDUA_TRUSTED_DOCUMENTS \
        -u THIDUA_GRAPHIQL -u THIDUA_INTROSPECTION -u THIDUA_JWT_SECRET \
        NO_COLOR=1 \
        THIDUA_ENV=development \
        DATABASE_URL="sqlite://$tmp/thidua.db?mode=rwc" \
        THIDUA_BIND=127.0.0.1:0 \
        THIDUA_CORS_ORIGINS="http://127.0.0.1:$origin_port" \
        "$binary" serve
) >"$tmp/server.log" 2>&1 &
server=$!

base=""
for _ in $(seq 1 600); do
    if ! kill -0 "$server" 2>/dev/null; then
        echo "run.sh: the server exited while starting:" >&2
        cat "$tmp/server.log" >&2
        exit 1
    fi
    address="$(grep -ao 'GraphiQL at http://[0-9.]*:[0-9]*' "$tmp/server.log" | head -n 1)"
    if [ -n "$address" ]; then
        base="${address#GraphiQL at }"
        break
    fi
    sleep 0.1
done
if [ -z "$base" ]; then
    echo "run.sh: the server did not say where it listens within 60 s:" >&2
    cat "$tmp/server.log" >&2
    exit 1
fi
if ! node -e '
const url = process.argv[1] + "/readyz";
const deadline = Date.now() + 30000;
(async () => {
  while (Date.now() < deadline) {
    try { if ((await fetch(url)).status === 200) process.exit(0); } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  process.exit(1);
})();' "$base"; then
    echo "run.sh: $base/readyz did not answer 200 within 30 s" >&2
    cat "$tmp/server.log" >&2
    exit 1
fi
echo "thidua at $base (CORS origin http://127.0.0.1:$origin_port, unlisted http://127.0.0.1:$other_port)"

export THIDUA_BASE="$base" ORIGIN_PORT="$origin_port" OTHER_PORT="$other_port" CHROMIUM="$chromium"
export SCREENSHOT="${TMPDIR:-/tmp}/thidua-graphiql-failure.png"
rm -f "$SCREENSHOT"
failed=()
for check in browser cors audit introspection client upload; do
    echo "-- $check"
    started=$SECONDS
    if ! (cd "$here" && TMPDIR="$tmp" timeout 180 node "$check.mjs"); then
        failed+=("$check")
    fi
    echo "   ($((SECONDS - started)) s)"
done

if ! kill -0 "$server" 2>/dev/null; then
    echo "run.sh: the server died during the checks" >&2
    failed+=("server")
fi
if grep -aq 'panicked' "$tmp/server.log"; then
    echo "run.sh: the server log has a panic:" >&2
    grep -a -A3 'panicked' "$tmp/server.log" >&2
    failed+=("server")
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}"
    if [ -f "$SCREENSHOT" ] && [[ " ${failed[*]} " == *" browser "* ]]; then
        echo "(GraphiQL at the failure: $SCREENSHOT)"
    fi
    echo "-- the server's log (last 40 lines)"
    tail -n 40 "$tmp/server.log"
    exit 1
fi
echo "all checks passed"
