#!/usr/bin/env bash
# Sets up and starts the demo kiosk: simulated devices, the embedded central office, data in ./demo-data.
# Electron when its binary is installed; otherwise the browser host (and Chromium in kiosk mode if a display
# exists). The URL is always printed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh kiosk
config=${KIOSK_CONFIG:-kiosk/config/demo.json}
if [ -x node_modules/electron/dist/electron ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "[demo] starting the Electron kiosk (config $config)" >&2
  exec node_modules/.bin/electron dist/electron/main.cjs --config "$config"
fi
echo "[demo] starting the browser host (config $config); stop with Ctrl-C" >&2
exec ./cli/kiosk.sh start --config "$config" --open-browser
