#!/bin/sh
# Builds the static wolfSSL that tlsviz links by default.
#
#   wolfssl.sh OUT [SRC]
#
# Without SRC, the Debian source package of the wolfSSL this release ships is
# fetched through the machine's own apt sources: the deb lines are turned into
# deb-src lines in a private apt configuration under OUT, so nothing on the
# system is changed and no archive host is written down anywhere. With SRC,
# that tree is built instead. The result is OUT/install (lib/libwolfssl.a,
# include/); it is put in place only once complete, so an interrupted build
# is started again, never half used. TLSVIZ_WOLFSSL_CFLAGS (the Makefile's CPPFLAGS and
# CFLAGS) is added to the compiler's flags. With SRC, nothing is fetched (no network is
# used) and SRC is only read: a copy of it is built.
set -eu
out=$1
src=${2:-}
mkdir -p "$out"
out=$(cd "$out" && pwd)

die() { echo "tlsviz: $*" >&2; exit 2; }

# Writes deb-src stanzas for every deb entry of the system's apt sources.
derive_sources() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS = ""; FS = "\n" }
		{
			text = ""; deb = 0
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^#/) continue
				if ($i ~ /^Types:/) {
					if ($i ~ /[ \t]deb([ \t]|$)/) deb = 1
					text = text "Types: deb-src\n"
				} else text = text $i "\n"
			}
			if (deb) printf "%s\n", text
		}' "$f"
	done
}
derive_list() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^[ \t]*deb\([ \t]\)/deb-src\1/p' "$f"
	done
}

fetch() {
	apt_dir="$out/apt"
	rm -rf "$apt_dir" "$out/fetch"
	mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
		"$out/fetch"
	derive_sources > "$apt_dir/sources.list.d/tlsviz-src.sources"
	derive_list > "$apt_dir/sources.list.d/tlsviz-src.list"
	set -- -o "Dir::Etc::SourceList=/dev/null" \
		-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d" \
		-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" \
		-o "Debug::NoLocking=1" -o "APT::Sandbox::User=root" -q
	apt-get "$@" update >"$apt_dir/update.log" 2>&1 ||
		die "could not read the source package lists (see $apt_dir/update.log); try make WOLFSSL=system or make WOLFSSL_SRC=DIR"
	(cd "$out/fetch" && apt-get "$@" source --download-only wolfssl) >"$apt_dir/source.log" 2>&1 ||
		die "could not fetch the wolfssl source package (see $apt_dir/source.log); try make WOLFSSL=system or make WOLFSSL_SRC=DIR"
	dsc=$(ls "$out/fetch"/wolfssl_*.dsc | head -n 1)
	rm -rf "$out/src"
	dpkg-source --no-check -x "$dsc" "$out/src" >"$apt_dir/extract.log" 2>&1 ||
		die "could not unpack $dsc (see $apt_dir/extract.log)"
}

if [ -z "$src" ]; then
	[ -f "$out/src/CMakeLists.txt" ] || fetch
else
	[ -f "$src/CMakeLists.txt" ] || die "$src is not a wolfSSL source tree (no CMakeLists.txt)"
	# wolfSSL's CMake writes options.h into its source tree: build a copy, so that SRC is
	# only read (it may be read-only, or shared with other builds).
	src=$(cd "$src" && pwd)
	if [ "$src" != "$out/src" ]; then
		rm -rf "$out/src"
		cp -R "$src" "$out/src"
	fi
fi
src="$out/src"

# What a teaching tool needs and distributions leave out (src/README.md, "wolfSSL"): static
# RSA key transport, TLS 1.3 early data, the secret callbacks, PK callbacks, a seed callback
# and a clock override for --seed, the peer's certificate chain.
defines="-DWOLFSSL_STATIC_RSA -DWOLFSSL_EARLY_DATA -DHAVE_SECRET_CALLBACK -DHAVE_PK_CALLBACKS \
-DWC_RNG_SEED_CB -DTIME_OVERRIDES -DHAVE_TIME_T_TYPE -DHAVE_TM_TYPE -DKEEP_PEER_CERT \
-DSESSION_CERTS -DHAVE_EX_DATA"
# On x86-64, AES and AES-GCM with AES-NI and carry-less multiplication (the
# assembly of wolfcrypt/src/aes_asm.S and aes_gcm_asm.S): wolfCrypt checks the
# processor at run time and falls back to its C code on one without them. The
# C code cost the bulk scenario most of its time. CMake has no switch for it;
# these are what configure's --enable-aesni sets (-maes only for the
# intrinsics of aes.c, so the compiler emits nothing an older processor lacks).
aesni=""
if [ "$(uname -m)" = x86_64 ]; then
	defines="$defines -DWOLFSSL_AESNI -maes"
	aesni="-DWOLFSSL_AESNI=yes" # adds the two assembly files
fi
rm -rf "$out/cmake" "$out/install.tmp"
# shellcheck disable=SC2086
cmake -S "$src" -B "$out/cmake" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=no \
	-DCMAKE_INSTALL_PREFIX="$out/install.tmp" -DCMAKE_C_FLAGS="${TLSVIZ_WOLFSSL_CFLAGS:-} $defines" $aesni \
	-DWOLFSSL_TLS13=yes -DWOLFSSL_TLSX=yes -DWOLFSSL_SESSION_TICKET=yes \
	-DWOLFSSL_CURVE25519=yes -DWOLFSSL_ED25519=yes -DWOLFSSL_AESCCM=yes -DWOLFSSL_HKDF=yes \
	-DWOLFSSL_OPENSSLEXTRA=yes -DWOLFSSL_CERTGEN=yes -DWOLFSSL_DH=yes -DWOLFSSL_PSK=yes \
	-DWOLFSSL_EXTENDED_MASTER=yes -DWOLFSSL_EXAMPLES=no -DWOLFSSL_CRYPT_TESTS=no \
	-DWOLFSSL_REPRODUCIBLE_BUILD=yes >"$out/cmake.log" 2>&1 ||
	die "wolfSSL's CMake configuration failed (see $out/cmake.log)"
cmake --build "$out/cmake" -j "$(nproc)" >"$out/build.log" 2>&1 ||
	die "building wolfSSL failed (see $out/build.log)"
cmake --install "$out/cmake" >>"$out/build.log" 2>&1 || die "installing wolfSSL failed"
# CMake keeps a few facts about the compiler in config.h, which is not installed, yet they
# change the size of wolfCrypt's structures (mp_int with HAVE___UINT128_T): copy them into
# options.h so that code compiled against the headers agrees with the library.
options="$out/install.tmp/include/wolfssl/options.h"
facts=$(grep -E '^#define (HAVE___UINT128_T|SIZEOF_[A-Z_]+) ' "$out/cmake/config.h" |
	awk '{ printf "#ifndef %s\n%s\n#endif\n", $2, $0 }')
awk -v facts="$facts" '
	{ lines[NR] = $0 }
	/^#endif/ { last = NR }
	END { for (i = 1; i <= NR; i++) { if (i == last) print facts; print lines[i] } }
' "$options" > "$options.new" && mv "$options.new" "$options"
rm -rf "$out/install"
mv "$out/install.tmp" "$out/install"
echo "wolfssl: built $(sed -n 's/^Version: //p' "$out/install/lib/pkgconfig/wolfssl.pc") in $out/install"
