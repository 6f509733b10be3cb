#!/usr/bin/env bash
# Build the villagedesk .deb around a PyInstaller one-folder build, with dpkg-deb.
#
#   installers/linux/build_deb.sh FROZEN_FOLDER OUT_DIR VERSION
#
# FROZEN_FOLDER is PyInstaller's dist/villagedesk (see installers/build.py, which caches it);
# the path of the .deb is printed on the last line of stdout. DEB_COMPRESS (gzip; xz for a
# smaller download, 2-3 times slower to build) and DEB_LEVEL (6) choose the compression.
set -euo pipefail

FROZEN=$(cd "$1" && pwd)
OUT=$(mkdir -p "$2" && cd "$2" && pwd)
VERSION=${3:?version}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ICONS=$ROOT/resources/icons

ARCH=$(dpkg --print-architecture)
# PEP 440 -> Debian: 1.2.0rc1 sorts before 1.2.0 as 1.2.0~rc1.
DEB_VERSION=$(echo "$VERSION" | sed -E 's/(a|b|rc|\.dev)([0-9]+)$/~\1\2/')
DEB=$OUT/villagedesk_${DEB_VERSION}_${ARCH}.deb

STAGE=$(mktemp -d "$OUT/stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
PKG=$STAGE/villagedesk

install -d "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/lib/systemd/user" "$PKG/usr/share/doc/villagedesk" \
    "$PKG/usr/share/icons/hicolor/scalable/apps"

# The program.
cp -a "$FROZEN" "$PKG/opt/villagedesk"
cat >"$PKG/usr/bin/villagedesk" <<'WRAPPER'
#!/bin/sh
# villagedesk: the village employment & social-security counter, installed in /opt/villagedesk.
# HTTPS to the county server trusts the system's certificates (a county CA added with
# update-ca-certificates included), not only the bundle frozen into the program.
if [ -z "${REQUESTS_CA_BUNDLE:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
    export REQUESTS_CA_BUNDLE
fi
exec /opt/villagedesk/villagedesk "$@"
WRAPPER
chmod 755 "$PKG/usr/bin/villagedesk"

# Menu entry and icons.
install -m 644 "$HERE/villagedesk.desktop" "$PKG/usr/share/applications/villagedesk.desktop"
install -m 644 "$ICONS/villagedesk.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/villagedesk.svg"
for size in 16 24 32 48 64 128 256; do
    src=$ICONS/villagedesk-$size.png
    [ "$size" = 256 ] && src=$ICONS/villagedesk.png
    install -d "$PKG/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$src" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/villagedesk.png"
done

# The nightly sync (systemd user units; enabled for all users by postinst).
install -m 644 "$HERE/villagedesk-sync.service" "$HERE/villagedesk-sync.timer" \
    "$PKG/usr/lib/systemd/user/"

# Documentation and licences.
install -m 644 "$HERE/README.Debian" "$PKG/usr/share/doc/villagedesk/README.Debian"
{
    echo "villagedesk - Apache-2.0"
    echo
    echo "Bundled font: WenQuanYi Micro Hei"
    cat "$ROOT/resources/fonts/wqy-microhei.COPYRIGHT"
    echo
    echo "The bundled Python, Qt (PySide6, LGPLv3) and libraries keep their own licences;"
    echo "see /opt/villagedesk/_internal/*.dist-info."
} >"$PKG/usr/share/doc/villagedesk/copyright"

# Permissions: nothing group/world-writable; owned by root in the archive (--root-owner-group).
chmod -R u+rwX,go+rX,go-w "$PKG"

# Maintainer scripts and control file.
install -m 755 "$HERE/debian/postinst" "$HERE/debian/prerm" "$HERE/debian/postrm" "$PKG/DEBIAN/"
# The newest glibc symbol version any bundled binary asks for.
GLIBC=$(grep -rhaoE 'GLIBC_2\.[0-9]+' "$PKG/opt/villagedesk" | sort -uV | tail -n1 | cut -d_ -f2)
SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat >"$PKG/DEBIAN/control" <<CONTROL
Package: villagedesk
Version: $DEB_VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Maintainer: villagedesk project <villagedesk@example.invalid>
Installed-Size: $SIZE
Depends: libc6 (>= $GLIBC), libgl1, libegl1, libdrm2, libxcb1, libwayland-client0
Recommends: libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libwayland-cursor0, libwayland-egl1, systemd
Suggests: libgtk-3-0
Homepage: https://example.invalid/villagedesk
Description: village employment and social-security counter (村级就业社保服务)
 The desktop program of a village employment & social-security service station:
 labour registry and training, vacancies and referrals, the urban-rural resident
 pension (enrolment, contributions, payment) and the yearly survival certification,
 offline-first with a nightly sync to the county server.
 .
 Installs the program in /opt/villagedesk, a menu entry, and a systemd user timer
 for the nightly sync (villagedesk sync). Station data stays in each user's data folder
 and is kept when the package is removed or purged.
CONTROL
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
    >"$PKG/DEBIAN/md5sums"

dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-gzip}" -z"${DEB_LEVEL:-6}" --build "$PKG" "$DEB" >&2
echo "$DEB"
