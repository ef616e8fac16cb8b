#!/usr/bin/env bash
# Reproduces the README's Performance figures on this machine: a private Redis, a Release gateway on
# loopback, then night-peak, burst, the ceiling (max) and the idle-connection memory run. Every process
# it starts, it stops. Run it on a quiet machine: the figures are only as steady as the box.
#
#   loadtests/perf-run.sh            # everything, reports under loadtests/reports/perf-<timestamp>/
#   ONLY=max loadtests/perf-run.sh   # one part: night-peak, night-peak-compressed,
#                                    # burst, max, connections, echo-connections or soak
#   ONLY=soak SOAK_DURATION=1h loadtests/perf-run.sh   # the soak is not part of "all": it takes hours
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

redis_port="${REDIS_PORT:-6391}"
http_port="${HTTP_PORT:-5082}"
admin_key="perf-$(date +%s)"
# Required with Redis: the gateway signs tokens with it and never stores it in Redis.
token_key="$(head -c 32 /dev/urandom | base64)"
out="${OUT:-$root/loadtests/reports/perf-$(date +%Y%m%d-%H%M%S)}"
only="${ONLY:-all}"
url="http://127.0.0.1:$http_port"
gateway_pid=""

dotnet build -c Release Gateway/StoriBoard.Gateway.csproj -v q -nologo >/dev/null || exit 2
dotnet build -c Release loadtests/StoriBoard.LoadTests.csproj -v q -nologo >/dev/null || exit 2
mkdir -p "$out"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null || exit 2

stop_gateway() {
  if [ -n "$gateway_pid" ]; then
    kill -TERM "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
    gateway_pid=""
  fi
}
cleanup() {
  stop_gateway
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Message text is encrypted at rest with Redis, so the gateway needs a key: a fresh one per run (Redis is flushed).
encryption_key="$(head -c 32 /dev/urandom | base64)"

# A fresh gateway on an empty Redis: start_gateway PART [NAME=value ...] (extra settings).
start_gateway() {
  local part="$1"
  shift
  stop_gateway
  redis-cli -p "$redis_port" flushall >/dev/null
  # exec: the PID kept is the gateway's own, for stopping it and for weighing it.
  # Every simulated person connects from loopback, so the per-address edge limits are lifted: the runs measure
  # the message path, not the abuse guard.
  (cd Gateway && exec env ASPNETCORE_URLS="$url" StoriBoard__AdminKey="$admin_key" StoriBoard__TokenKey="$token_key" \
    StoriBoard__Redis="127.0.0.1:$redis_port" StoriBoard__SiloPort=11192 StoriBoard__GatewayPort=30092 \
    StoriBoard__Encryption__Keys__perf="$encryption_key" StoriBoard__Encryption__CurrentKeyId=perf \
    StoriBoard__Limits__SessionsPerWindow=1000000 StoriBoard__Limits__NegotiationsPerWindow=1000000 \
    Logging__LogLevel__Default=Warning "$@" \
    dotnet bin/Release/net10.0/StoriBoard.Gateway.dll >"$out/gateway-$part.log" 2>&1) &
  gateway_pid=$!
  for _ in $(seq 1 90); do
    curl -sf "$url/health" >/dev/null && return 0
    sleep 1
  done
  echo "the gateway did not start; see $out" >&2
  exit 2
}

lt() { dotnet loadtests/bin/Release/net10.0/StoriBoard.LoadTests.dll "$@"; }

if [ "$only" = all ] || [ "$only" = night-peak ]; then
  start_gateway night-peak
  lt night-peak --url "$url" --admin-key "$admin_key" --seekers 600 --supporters 150 --duration 3m \
    --red-flag-share 0.05 --report-dir "$out/night-peak"
fi

if [ "$only" = all ] || [ "$only" = night-peak-compressed ]; then
  # The night is compressed into minutes; the 10-minute red-flag cool-down is compressed with it.
  start_gateway night-peak-compressed StoriBoard__Matching__RedFlagCoolDown=00:00:05
  lt night-peak --url "$url" --admin-key "$admin_key" --seekers 600 --supporters 150 --duration 150s \
    --red-flag-share 0.05 --report-dir "$out/night-peak-compressed"
fi

if [ "$only" = all ] || [ "$only" = burst ]; then
  start_gateway burst
  lt burst --url "$url" --admin-key "$admin_key" --seekers 150 --supporters 150 --duration 2m \
    --report-dir "$out/burst"
fi

if [ "$only" = all ] || [ "$only" = max ]; then
  # The per-sender flood guard (20 messages per 10 s) would cap the ceiling run: it measures the message path.
  start_gateway max StoriBoard__Conversations__MessagesPerWindow=100000
  lt max --url "$url" --admin-key "$admin_key" --pairs 400 --start-rate 250 --factor 1.25 --step 10s \
    --report-dir "$out/max"
fi

if [ "$only" = all ] || [ "$only" = connections ]; then
  ulimit -n 20000 2>/dev/null || true
  start_gateway connections
  lt connections --url "$url" --levels 1000,10000 --hold 20s --gateway-pid "$gateway_pid" \
    --report-dir "$out/connections"
fi

if [ "$only" = all ] || [ "$only" = echo-connections ]; then
  # The reference: the same idle connections on the bare echo hub, in its own process.
  stop_gateway
  # exec: the PID kept is the echo server's own (not a subshell's), for weighing and stopping it.
  (exec dotnet loadtests/bin/Release/net10.0/StoriBoard.LoadTests.dll echo-server --port 5093 >"$out/echo-server.log" 2>&1) &
  echo_pid=$!
  sleep 3
  lt connections --url http://127.0.0.1:5093 --echo --levels 1000,10000 --hold 20s --gateway-pid "$echo_pid" \
    --report-dir "$out/echo-connections"
  kill -TERM "$echo_pid" 2>/dev/null
  wait "$echo_pid" 2>/dev/null
fi

if [ "$only" = soak ]; then
  # Hours at a steady load; the gateway's resident memory is sampled beside the harness's own report, for leaks.
  start_gateway soak
  mkdir -p "$out/soak"
  (echo "seconds,rss_kib"; start=$(date +%s)
   while kill -0 "$gateway_pid" 2>/dev/null; do
     echo "$(( $(date +%s) - start )),$(ps -o rss= -p "$gateway_pid" | tr -d ' ')"
     sleep 30
   done) >"$out/soak/gateway-rss.csv" &
  lt soak --url "$url" --admin-key "$admin_key" --seekers 200 --supporters 60 --duration "${SOAK_DURATION:-2h}" \
    --report-dir "$out/soak"
fi

echo "reports: $out"
