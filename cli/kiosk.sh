#!/bin/sh
# The `kiosk` command: runs the TypeScript CLI with tsx from this checkout.
here=$(cd "$(dirname "$0")/.." && pwd)
exec "$here/node_modules/.bin/tsx" "$here/cli/main.ts" "$@"
