#!/bin/sh
# After the .deb is installed: device permissions and the kiosk user (see docs/integrator-guide.md).
set -e
getent group kiosk >/dev/null || groupadd --system kiosk
getent passwd kiosk >/dev/null || useradd --system --gid kiosk --groups dialout,plugdev --home-dir /var/lib/kiosk --create-home kiosk
if [ -d /opt/Kiosk\ Terminal/resources/udev ]; then
  cp /opt/Kiosk\ Terminal/resources/udev/*.rules /etc/udev/rules.d/ 2>/dev/null || true
  udevadm control --reload-rules 2>/dev/null || true
fi
exit 0
