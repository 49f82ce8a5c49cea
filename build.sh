#!/usr/bin/env bash
# The project's two entry points (see README.md):
#   ./build.sh run    install what is missing, start Azurite, the VPCEP emulator and the self-host,
#                     provision the seed page's example endpoint end to end and show the notification
#   ./build.sh test   install what is missing, check formatting and run every test; ends with "N passed, N failed, N skipped"
#   ./build.sh test --unit   the fast inner loop: unit tests only (no Azurite, no end-to-end stack)
#   ./build.sh bench [latency|batch|paced|all|intake|scale [N ...]]
#   ./build.sh chaos  self-hosts killed with SIGKILL mid-run (alone, beside another host, with emulator faults);
#                     per scenario: requests, outcomes, endpoints, duplicates, lost, misreported, notifications, stall
#                     end-to-end benchmarks on this machine (Azurite, emulator, self-host); prints a table
#   ./build.sh enqueue FILE [--connection-string CS | --account-name N] [--queue NAME] [--base64] [--blob | --split]
#                     put a provisioning message (one request or a batch) on the queue: the operator CLI's
#                     `vpcep enqueue` (src/Vpcep.Cli)
#   ./build.sh infra  compile and lint every Bicep template under infra/ with the Bicep CLI from NuGet
#                     (tools/bicep); any warning fails (./build.sh test runs it too)
#   ./build.sh openapi  write the OpenAPI document the self-host serves to docs/openapi.json (a test compares them)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_tools() {
  # Azurite comes from the npm package pinned in tools/azurite/package-lock.json.
  if [ ! -x tools/azurite/node_modules/.bin/azurite ]; then
    log "Installing Azurite (pinned, tools/azurite)"
    (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error)
  fi
  log "Restoring NuGet packages"
  dotnet restore VpcepFunctions.sln --verbosity quiet
}

# The Debian packages the end-to-end tests drive: chromium (the status page's headless-browser test) and tmux (the
# CLI's live view in a real terminal). Installed with apt when missing (as root, or through sudo without a password).
install_os_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      log "Missing Debian packages: ${missing[*]} (no root and no sudo to install them; the tests that need them fail)"
      return 0
    fi
  fi
  log "Installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    log "apt-get could not install ${missing[*]} (the tests that need them fail)"
}

# Compiles and lints every template under infra/ with the Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64
# (tools/bicep/bicep.proj): `bicep lint` and `bicep build` of every .bicep file, `bicep build-params` of every
# .bicepparam file, the compiled JSON written to a temp folder. Linter levels come from infra/bicepconfig.json; a
# warning of any kind (the compiler's too) fails the check, as does an error. Set BICEP to use another bicep binary.
cmd_infra() {
  local bicep=${BICEP:-}
  if [ -z "$bicep" ]; then
    log "Restoring the Bicep CLI (NuGet package, tools/bicep)"
    dotnet restore tools/bicep/bicep.proj --verbosity quiet || return 1
    bicep=$(dotnet msbuild tools/bicep/bicep.proj -getProperty:BicepPath | tail -n 1) || return 1
    [ -f "$bicep" ] || { log "The Bicep CLI is not at '$bicep' after the restore"; return 1; }
    # NuGet does not always keep the executable bit of a file in a package.
    [ -x "$bicep" ] || chmod u+x "$bicep" || return 1
  fi
  log "Checking the Bicep templates with $("$bicep" --version)"
  local out diagnostics status=0
  out=$(mktemp -d "${TMPDIR:-/tmp}/vpcep-bicep-XXXXXX")
  diagnostics="$out/diagnostics.txt"
  (
    "$bicep" lint --pattern 'infra/**/*.bicep' &&
    "$bicep" build --pattern 'infra/**/*.bicep' --outdir "$out/templates" &&
    for params in infra/*.bicepparam; do
      # A parameters file reads the azd environment; placeholders stand in for the variables it requires.
      AZURE_ENV_NAME=lint AZURE_LOCATION=westeurope HUAWEICLOUD_SDK_AK=lint HUAWEICLOUD_SDK_SK=lint \
        "$bicep" build-params "$params" --outfile "$out/$(basename "$params" .bicepparam).parameters.json" || exit 1
    done
  ) >"$diagnostics" 2>&1 || status=1
  if grep -qE ' : (Warning|Error) ' "$diagnostics"; then status=1; fi
  cat "$diagnostics" >&2
  if [ "$status" -eq 0 ]; then
    log "Bicep: $(find infra -name '*.bicep' | wc -l | tr -d ' ') templates and $(find infra -name '*.bicepparam' | wc -l | tr -d ' ') parameters file(s) compile and lint with no warning"
  else
    log "Bicep: the templates have errors or warnings (above)"
  fi
  rm -rf "$out"
  return "$status"
}

cmd_test() {
  # --unit: the fast inner loop (no Azurite, no end-to-end stack); without it, every test, as CI runs them.
  local filter=() unit=0
  if [ "${1:-}" = "--unit" ]; then unit=1; filter=(--filter "Category!=EndToEnd"); fi
  if [ "$unit" -eq 1 ]; then
    log "Restoring NuGet packages"
    dotnet restore VpcepFunctions.sln --verbosity quiet
  else
    install_tools
    install_os_packages
  fi
  local results
  results=$(mktemp -d "${TMPDIR:-/tmp}/vpcep-tests-XXXXXX")
  log "Building"
  if ! dotnet build VpcepFunctions.sln --no-restore --configuration Release --verbosity quiet -nologo; then
    echo "0 passed, 1 failed, 0 skipped"
    return 1
  fi
  local status=0
  if [ "$unit" -eq 0 ]; then
    log "Checking formatting (dotnet format --verify-no-changes)"
    dotnet format VpcepFunctions.sln --verify-no-changes --no-restore --verbosity quiet || status=$?
    cmd_infra || status=$?
  fi
  log "Running tests (results in $results)"
  dotnet test VpcepFunctions.sln --no-build --configuration Release --verbosity quiet -nologo "${filter[@]}" \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?
  summarize "$results" "$status"
}

# Adds up the counters of every TRX file; prints "N passed, N failed, N skipped".
summarize() {
  local dir=$1 status=$2 passed=0 failed=0 skipped=0 files=0
  for trx in "$dir"/*.trx; do
    [ -e "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(attr "$counters" passed)))
    failed=$((failed + $(attr "$counters" failed) + $(attr "$counters" error) + $(attr "$counters" timeout) + $(attr "$counters" aborted)))
    skipped=$((skipped + $(attr "$counters" notExecuted)))
  done
  if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
    # The run broke before or outside the tests (a build or a crashed test host): count it as a failure.
    failed=$((failed + 1))
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

attr() { local v; v=$(printf '%s' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true); echo "${v:-0}"; }

wait_http() { # url, what, pid
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then log "$2 exited; see $STATE/$2.log"; tail -n 30 "$STATE/$2.log" >&2; return 1; fi
    sleep 0.5
  done
  log "$2 did not answer at $1"; return 1
}

wait_port() { # port, what, pid
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then log "$2 exited; see $STATE/$2.log"; tail -n 30 "$STATE/$2.log" >&2; return 1; fi
    sleep 0.5
  done
  log "$2 did not open port $1"; return 1
}

KEEP=0
PIDS=()
# Whether a process still runs (an exited child not yet reaped is a zombie: it counts as stopped).
running() { [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

cleanup() {
  [ "$KEEP" -eq 0 ] && [ "${#PIDS[@]}" -gt 0 ] || return 0
  kill -TERM "${PIDS[@]}" 2>/dev/null || true
  # Give each service up to 15 s to stop, then make sure none is left behind.
  for _ in $(seq 1 30); do
    local alive=0
    for p in "${PIDS[@]}"; do running "$p" && alive=1; done
    [ "$alive" -eq 0 ] && return 0
    sleep 0.5
  done
  kill -KILL "${PIDS[@]}" 2>/dev/null || true
}

cmd_run() {
  [ "${1:-}" = "--keep-running" ] && KEEP=1
  install_tools
  log "Building"
  dotnet build VpcepFunctions.sln --no-restore --configuration Release --verbosity quiet -nologo

  STATE=$(mktemp -d "${TMPDIR:-/tmp}/vpcep-run-XXXXXX")
  trap cleanup EXIT

  local emulator_url=${EMULATOR_URL:-http://127.0.0.1:5080} selfhost_url=${SELFHOST_URL:-http://127.0.0.1:7071}
  log "Starting Azurite (data in $STATE/azurite)"
  tools/azurite/node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location "$STATE/azurite" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$STATE/azurite.log" 2>&1 &
  PIDS+=($!); wait_port 10001 azurite "${PIDS[-1]}"; wait_port 10002 azurite "${PIDS[-1]}"

  log "Starting the VPCEP emulator on $emulator_url"
  dotnet src/Vpcep.Emulator/bin/Release/net10.0/Vpcep.Emulator.dll --urls "$emulator_url" --Emulator:TimeScale=0.05 >"$STATE/emulator.log" 2>&1 &
  PIDS+=($!); wait_http "$emulator_url/_emulator/health" emulator "${PIDS[-1]}"

  # The demo's callback goes to the emulator's sink, plain http on loopback: trusted for this local run only
  # (by default callbacks must be https to public addresses; see "Callback URL safety" in the README).
  local emulator_authority=${emulator_url#*://}
  emulator_authority=${emulator_authority%%/*}
  log "Starting the self-host on $selfhost_url"
  (cd src/Vpcep.SelfHost/bin/Release/net10.0 && exec dotnet Vpcep.SelfHost.dll --urls "$selfhost_url" \
    --HuaweiCloud:BaseUrl "$emulator_url" \
    --HuaweiCloud:AccessKey EMULATORACCESSKEY00001 \
    --HuaweiCloud:SecretKey emulator-secret-key-0001-do-not-use-in-production \
    --Notifications:AllowHttp true \
    --Notifications:AllowedHosts:0 "$emulator_authority") >"$STATE/selfhost.log" 2>&1 &
  PIDS+=($!); wait_http "$selfhost_url/healthz" selfhost "${PIDS[-1]}"

  local callback="$emulator_url/_emulator/callbacks/demo"
  log "Submitting the seed page's example request"
  local body
  body=$(cat <<JSON
{
  "project_id": "6e9dfd51d1124e8d8498dce894923a0d",
  "region": "cn-north-4",
  "callback_url": "$callback",
  "endpoint": {
    "subnet_id": "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
    "vpc_id": "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
    "tags": [ { "key": "test1", "value": "test1" } ],
    "endpoint_service_id": "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
    "enable_dns": true
  }
}
JSON
)
  echo "$body"
  local answer status_url
  answer=$(curl -fsS -X POST "$selfhost_url/api/vpc-endpoints" -H 'Content-Type: application/json' -d "$body")
  echo "202 Accepted: $answer"
  status_url=$(printf '%s' "$answer" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).status_url))')

  log "Following $status_url"
  local state="" last=""
  for _ in $(seq 1 240); do
    state=$(curl -fsS "$status_url")
    local line
    line=$(printf '%s' "$state" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(`${j.runtime_status} phase=${j.phase??"-"} endpoint=${j.endpoint_id??"-"} status=${j.endpoint_status??"-"}`)})')
    [ "$line" != "$last" ] && echo "  $line" && last=$line
    case "$line" in Completed*|Failed*|Terminated*) break ;; esac
    sleep 1
  done
  echo "Final state:"; printf '%s' "$state" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s),null,2)))'

  log "Notifications received at $callback"
  curl -fsS "$callback" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s),null,2)))'

  local result
  result=$(printf '%s' "$state" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).outcome||{}).result||"none"))')
  if [ "$KEEP" -eq 1 ]; then
    log "Still running (logs in $STATE): self-host $selfhost_url, emulator $emulator_url, Azurite 127.0.0.1:10000-10002. PIDs: ${PIDS[*]}"
  fi
  [ "$result" = "accepted" ] && log "Provisioned: the endpoint is accepted and the notification arrived." || { log "Provisioning ended as '$result'"; return 1; }
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; install_tools; exec dotnet run --project benchmarks/Vpcep.Benchmarks --configuration Release --verbosity quiet -- "$@" ;;
  chaos) shift; install_tools; dotnet build src/Vpcep.SelfHost --configuration Release --verbosity quiet -nologo
         exec dotnet run --project benchmarks/Vpcep.Benchmarks --configuration Release --verbosity quiet -- chaos "$@" ;;
  enqueue) shift; exec dotnet run --project src/Vpcep.Cli --verbosity quiet -- enqueue "$@" ;;
  infra) shift; cmd_infra ;;
  openapi) shift; exec dotnet run --project tools/Vpcep.OpenApi --verbosity quiet -- "${1:-docs/openapi.json}" ;;
  *) echo "usage: ./build.sh run [--keep-running] | ./build.sh test [--unit] | ./build.sh bench [scenario] | ./build.sh chaos | ./build.sh enqueue FILE [options] | ./build.sh infra | ./build.sh openapi" >&2; exit 2 ;;
esac
