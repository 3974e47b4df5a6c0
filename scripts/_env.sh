# Sourced by scripts/demo and scripts/test: environment shared by both (not run on its own).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/.venv/bin:$PATH"
export KYC_DESK_SAMPLE_PHOTOS="${KYC_DESK_SAMPLE_PHOTOS:-$ROOT/.cache/sample-photos}"
export MPLCONFIGDIR="${MPLCONFIGDIR:-$ROOT/.cache/matplotlib}"
mkdir -p "$MPLCONFIGDIR"

# Processes this script started, stopped again on exit (and only those).
STARTED_PIDS=()
cleanup_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

pcscd_running() {
  python - <<'PY' 2>/dev/null
from smartcard.System import readers
readers()
PY
}

# Start pcscd (with the vpcd virtual reader driver) unless one is already serving.
ensure_pcscd() {
  if pcscd_running; then return; fi
  # A stale pid/socket from a killed daemon keeps a new one from starting.
  if [ -f /run/pcscd/pcscd.pid ] && ! kill -0 "$(cat /run/pcscd/pcscd.pid)" 2>/dev/null; then
    rm -f /run/pcscd/pcscd.pid /run/pcscd/pcscd.comm
  fi
  pcscd --foreground >"$ROOT/.cache/pcscd.log" 2>&1 &
  STARTED_PIDS+=($!)
  for _ in $(seq 50); do pcscd_running && return; sleep 0.1; done
  echo "pcscd did not start; see .cache/pcscd.log" >&2
  return 1
}

# Start an X server for screenshot tests unless DISPLAY already works.
ensure_xvfb() {
  if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then return; fi
  local n
  for n in $(seq 90 120); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >"$ROOT/.cache/xvfb.log" 2>&1 &
    STARTED_PIDS+=($!)
    export DISPLAY=":$n"
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && return; sleep 0.1; done
  done
  echo "Xvfb did not start; see .cache/xvfb.log" >&2
  return 1
}
