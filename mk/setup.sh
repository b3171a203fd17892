#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
set -e
need=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -z "$need" ]; then
	echo "setup: every package is installed"
	exit 0
fi
echo "setup: installing Debian packages:$need"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
	command -v sudo >/dev/null || { echo "setup: run as root: apt-get install$need" >&2; exit 1; }
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $need
