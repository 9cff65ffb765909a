#!/bin/sh
# Installs the Debian packages tlsviz needs to build, test and run.
#   deps.sh               install whatever is missing
#   deps.sh --if-missing  the same, but silent and instant when nothing is
set -eu
packages="gcc make pkg-config libncurses-dev check cmake dpkg-dev xz-utils libwolfssl-dev tmux valgrind clang libclang-rt-14-dev libpcap-dev"

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
	[ "${1:-}" = --if-missing ] || echo "deps: everything is installed"
	exit 0
fi

echo "deps: installing$missing"
sudo=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || {
		echo "tlsviz: missing packages:$missing; install them as root (apt-get install$missing)" >&2
		exit 2
	}
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
