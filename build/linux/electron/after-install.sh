#!/bin/sh
# After-install script of the Electron package (electron-builder's deb, electron-builder.yml):
# the unprivileged kiosk user with an empty home, in dialout for a USB-serial printer,
# and the unit that starts the kiosk under cage on tty1 (enabled by the installer: README).
set -e
if ! getent passwd borne >/dev/null; then
  adduser --system --group --home /var/lib/borne --shell /usr/sbin/nologin --gecos "Borne inclusion numerique (kiosk)" --quiet borne
fi
if getent group dialout >/dev/null; then adduser --quiet borne dialout; fi
chown borne:borne /var/lib/borne
chmod 0750 /var/lib/borne
install -m 0644 /opt/borne-inclusion-numerique/resources/systemd/borne.service /lib/systemd/system/borne.service
mkdir -p /etc/borne
if [ ! -e /etc/borne/station.json ]; then
  install -m 0644 /opt/borne-inclusion-numerique/resources/kiosk-config/default.json /etc/borne/station.json
fi
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null || true; fi
exit 0
