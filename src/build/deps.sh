#!/bin/sh
# Installs the Debian packages that a part of tlsviz's work needs, and only those.
#
#   deps.sh [--if-missing] LIST...
#
# LIST is one or more of the lists below: `make` asks for build (and system, with
# WOLFSSL=system), `make check` adds check, `make memcheck` memcheck, `make fuzz`
# fuzz; `make deps` asks for all of them. With --if-missing it is silent and
# instant when everything is installed.
set -eu
# Compiling tlsviz, and fetching and building the bundled wolfSSL (dpkg-dev unpacks the
# Debian source package, xz-utils its tarballs).
build="gcc make pkg-config libncurses-dev libpcap-dev cmake dpkg-dev xz-utils"
# WOLFSSL=system links the distribution's wolfSSL.
system="libwolfssl-dev"
# The tests: Check, tmux for the viewer, tshark for the Wireshark cross-checks, OpenSSL for
# the test PKI and the math's commands (with python3), python3-jsonschema to validate the JSON
# export, PlantUML to render the diagram exports, man-db for the man page.
check="check tmux tshark openssl python3 python3-jsonschema plantuml man-db"
memcheck="valgrind"
fuzz="clang libclang-rt-14-dev llvm"

quiet=no
if [ "${1:-}" = --if-missing ]; then
	quiet=yes
	shift
fi
[ $# -gt 0 ] || set -- build system check memcheck fuzz
packages=""
for list in "$@"; do
	case $list in
	build) packages="$packages $build" ;;
	system) packages="$packages $system" ;;
	check) packages="$packages $check" ;;
	memcheck) packages="$packages $memcheck" ;;
	fuzz) packages="$packages $fuzz" ;;
	*) echo "tlsviz: deps.sh: unknown list '$list' (build, system, check, memcheck, fuzz)" >&2
	   exit 2 ;;
	esac
done

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
	[ "$quiet" = yes ] || echo "deps: everything is installed"
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
# Another apt-get (a package manager started beside it) is waited for, up to two minutes.
$sudo apt-get -o DPkg::Lock::Timeout=120 update -q
# shellcheck disable=SC2086
$sudo apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends $missing
