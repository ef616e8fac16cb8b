#!/usr/bin/env bash
# Runs every test of StoriBoard: unit, grain, Redis, gateway, browser. Installs redis-server and chromium with
# apt-get when they are missing (the tests start their own Redis servers and gateways on free loopback ports), and
# what the deploying tests use: debootstrap, umoci, skopeo and docker-registry for the images, nginx for the proxy.
# Ends with one line: "N passed, N failed[, N skipped]"; the exit code is dotnet test's.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

missing=()
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
for tool in debootstrap:/usr/sbin/debootstrap umoci:/usr/bin/umoci skopeo:/usr/bin/skopeo \
            docker-registry:/usr/bin/docker-registry nginx:/usr/sbin/nginx; do
  [ -x "${tool#*:}" ] || missing+=("${tool%%:*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get ..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The image tests' base image takes about two minutes to make (debootstrap, once per machine): it is made alongside the
# build and the tests that come before them, which then wait for it (make-base-image.sh takes a lock).
if [ "$(id -u)" -eq 0 ] && command -v debootstrap >/dev/null; then
  bash tests/StoriBoard.Tests/Deploying/make-base-image.sh >/dev/null 2>&1 &
fi

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
dotnet test StoriBoard.Grains.sln \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 6m 2>&1 | tee "$results/console.log"
code=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { local v; v=$(echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'); echo "${v:-0}"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value total) - $(value executed)))
done
if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi

# Each failed test again, briefly, next to the summary, where a reader of only the end of the output sees it.
awk '
  /^  (Passed|Skipped) / || /^\[xUnit/ { shown = 0 }
  /^  Failed / { shown = 1; lines = 0; print "" }
  shown && lines < 30 { print; lines++ }
' "$results/console.log"

# The fault suite's figures (README, "Reliability"), when it ran.
[ -f "$results/fault-suite.md" ] && cat "$results/fault-suite.md"

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$code"
