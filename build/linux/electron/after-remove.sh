#!/bin/sh
# After-remove script of the Electron package: on purge, nothing is left (the unit, its
# links, the kiosk user and its home, the station folder).
set -e
if [ "$1" = "purge" ] || [ "$1" = "remove" ]; then
  rm -f /lib/systemd/system/borne.service /etc/systemd/system/graphical.target.wants/borne.service
  if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null || true; fi
fi
if [ "$1" = "purge" ]; then
  rm -rf /run/borne /var/lib/borne /etc/borne
  if getent passwd borne >/dev/null; then userdel borne >/dev/null 2>&1 || true; fi
  if getent group borne >/dev/null; then groupdel borne >/dev/null 2>&1 || true; fi
fi
exit 0
