# tlsviz: see README.md.
#
#   make                 build ./tlsviz (wolfSSL built from its Debian source package)
#   make run             build and open tlsviz
#   make check           build and run every test
#   make bench           JSON export and --open against tshark; handshake timings, bare and
#                        captured
#   make deps            install the Debian packages every target needs (each target
#                        installs its own when something is missing)
#   make install         PREFIX=/usr/local, DESTDIR honoured; make uninstall
#   make golden          regenerate the golden files of tests/golden/
#   make memcheck        every scenario under valgrind
#   make fuzz            libFuzzer on the record splitter and decoders (FUZZ_SECONDS=60)
#   make fuzz-open       libFuzzer on the capture file reader and the key log parser
#   make clean           remove build output (keeps the fetched wolfSSL); distclean: all
#
#   WOLFSSL=system       link the distribution's libwolfssl instead
#   WOLFSSL_SRC=DIR      build wolfSSL from the source tree DIR
#   SANITIZE=1           AddressSanitizer and UndefinedBehaviorSanitizer
#   CPPFLAGS, CFLAGS, LDFLAGS  honoured (from the command line or the environment)

WOLFSSL ?= bundled
WOLFSSL_SRC ?=
SANITIZE ?=
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BASH_COMPLETION_DIR ?= $(DATADIR)/bash-completion/completions
DOCDIR ?= $(DATADIR)/doc/tlsviz
LESSONS_DIR := $(DATADIR)/tlsviz/lessons
FUZZ_SECONDS ?= 60
CC ?= cc

BUILD := build
ifeq ($(WOLFSSL),system)
  VARIANT := system
  WOLFSSL_DIR :=
  WOLFSSL_LIB :=
  WOLFSSL_CFLAGS = $(shell pkg-config --cflags wolfssl)
  WOLFSSL_LIBS = $(shell pkg-config --libs wolfssl)
else
  ifneq ($(WOLFSSL_SRC),)
    VARIANT := src-$(notdir $(abspath $(WOLFSSL_SRC)))
  else
    VARIANT := bundled
  endif
  WOLFSSL_DIR := $(BUILD)/wolfssl-$(VARIANT)
  WOLFSSL_LIB := $(WOLFSSL_DIR)/install/lib/libwolfssl.a
  WOLFSSL_CFLAGS = -I$(WOLFSSL_DIR)/install/include
  WOLFSSL_LIBS = $(WOLFSSL_LIB) -lm -lpthread
endif
OBJDIR := $(BUILD)/$(VARIANT)$(if $(SANITIZE),-sanitize)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CFLAGS ?= -O2 -g
comma := ,
SAN_FLAGS := $(if $(SANITIZE),-fsanitize=address$(comma)undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer)
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -Isrc -MMD -MP \
	-DTLSVIZ_LESSONS_DIR='"$(LESSONS_DIR)"' \
	$(WOLFSSL_CFLAGS) $(shell pkg-config --cflags ncursesw libpcap)
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)
LIBS = $(WOLFSSL_LIBS) $(shell pkg-config --libs ncursesw libpcap)
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check)

LIB_SRCS := $(wildcard src/*/*.c)
MAIN_OBJS := $(OBJDIR)/main.o $(OBJDIR)/main_open.o
LIB_OBJS := $(LIB_SRCS:src/%.c=$(OBJDIR)/%.o) $(OBJDIR)/gen/assets.o
TEST_SRCS := $(wildcard tests/test_*.c)
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(OBJDIR)/tests/%.o)
ASSETS := assets/ca.pem assets/server-rsa.pem assets/server-rsa-key.pem \
	assets/server-ecdsa.pem assets/server-ecdsa-key.pem assets/client.pem assets/client-key.pem \
	assets/untrusted.pem assets/untrusted-key.pem

.PHONY: all run check deps deps-if-missing deps-check deps-fuzz bench install uninstall golden \
	memcheck fuzz fuzz-open clean distclean FORCE

all: tlsviz

# ./tlsviz is the binary of the last configuration built.
tlsviz: $(OBJDIR)/tlsviz FORCE
	@cp $< $@.tmp && mv -f $@.tmp $@

run: tlsviz
	./tlsviz

# Each target installs the packages it needs when one is missing (src/build/deps.sh):
# building needs only the build list, testing adds the check list.
DEPS_BUILD := build $(if $(filter system,$(WOLFSSL)),system)

deps:
	@sh src/build/deps.sh

deps-if-missing:
	@sh src/build/deps.sh --if-missing $(DEPS_BUILD)

deps-check:
	@sh src/build/deps.sh --if-missing $(DEPS_BUILD) check

deps-fuzz:
	@sh src/build/deps.sh --if-missing $(DEPS_BUILD) fuzz

# wolfSSL is compiled with the same CPPFLAGS and CFLAGS (a hardened build is hardened
# throughout); it is built once per variant, so changing them later does not rebuild it.
$(WOLFSSL_DIR)/install/lib/libwolfssl.a: export TLSVIZ_WOLFSSL_CFLAGS = $(CPPFLAGS) $(CFLAGS)
$(WOLFSSL_DIR)/install/lib/libwolfssl.a: | deps-if-missing
	@echo "wolfssl: building the static library (once; later builds reuse it)"
	@sh src/build/wolfssl.sh $(WOLFSSL_DIR) $(WOLFSSL_SRC)

$(OBJDIR)/%.o: src/%.c | deps-if-missing $(WOLFSSL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(OBJDIR)/gen/assets.c: $(ASSETS) src/build/embed.sh
	@mkdir -p $(@D)
	@sh src/build/embed.sh $(ASSETS) > $@.tmp && mv $@.tmp $@

$(OBJDIR)/gen/assets.o: $(OBJDIR)/gen/assets.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(OBJDIR)/tlsviz: $(MAIN_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(OBJDIR)/tests/%.o: tests/%.c | deps-check $(WOLFSSL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -DTLSVIZ_SOURCE_DIR='"$(CURDIR)"' \
		-DTLSVIZ_MAKE_VARS='"WOLFSSL=$(WOLFSSL) WOLFSSL_SRC=$(WOLFSSL_SRC) SANITIZE=$(SANITIZE)"' \
		-c $< -o $@

$(OBJDIR)/check_tlsviz: $(TEST_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

$(OBJDIR)/tlsviz-bench: $(OBJDIR)/tests/bench.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

check: $(OBJDIR)/check_tlsviz $(OBJDIR)/tlsviz | deps-check
	TLSVIZ=$(OBJDIR)/tlsviz LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		$(OBJDIR)/check_tlsviz

$(OBJDIR)/tlsviz-bench-capture: $(OBJDIR)/tests/bench_capture.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

bench: $(OBJDIR)/tlsviz-bench $(OBJDIR)/tlsviz-bench-capture $(OBJDIR)/tlsviz
	TLSVIZ=$(OBJDIR)/tlsviz $(OBJDIR)/tlsviz-bench
	sh tests/bench_open.sh $(OBJDIR)

golden: $(OBJDIR)/tlsviz $(OBJDIR)/check_tlsviz
	@TLSVIZ_UPDATE_GOLDEN=1 CK_RUN_SUITE=ui CK_RUN_CASE=screens $(OBJDIR)/check_tlsviz >/dev/null
	@echo "golden: tests/golden/screens/"
	@TLSVIZ=$(OBJDIR)/tlsviz TLSVIZ_UPDATE_GOLDEN=1 CK_RUN_SUITE=cli CK_RUN_CASE=timeline \
		$(OBJDIR)/check_tlsviz >/dev/null
	@echo "golden: tests/golden/rtt-*.txt tests/golden/compare-*.txt"
	@for s in $$($(OBJDIR)/tlsviz --list | awk '$$2 == "available" && $$1 !~ /-bulk$$/ { print $$1 }'); do \
		$(OBJDIR)/tlsviz --export text --seed 1 -s $$s -o tests/golden/$$s.txt || exit 1; \
		$(OBJDIR)/tlsviz --export text --seed 1 --ascii -s $$s -o tests/golden/$$s.ascii.txt || exit 1; \
		$(OBJDIR)/tlsviz --export json --seed 1 -s $$s -o tests/golden/$$s.json || exit 1; \
		$(OBJDIR)/tlsviz --export md --seed 1 -s $$s -o tests/golden/$$s.md || exit 1; \
		$(OBJDIR)/tlsviz --export mermaid --seed 1 -s $$s -o tests/golden/$$s.mermaid || exit 1; \
		$(OBJDIR)/tlsviz --export plantuml --seed 1 -s $$s -o tests/golden/$$s.puml || exit 1; \
		echo "golden: tests/golden/$$s.{txt,ascii.txt,json,md,mermaid,puml}"; \
	done

memcheck: $(OBJDIR)/tlsviz
	@sh src/build/deps.sh --if-missing memcheck
	@for s in $$($(OBJDIR)/tlsviz --list | awk '$$2 == "available" && $$1 !~ /-bulk$$/ { print $$1 }'); do \
		for f in text json; do \
			valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
				--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
				$(OBJDIR)/tlsviz --export $$f -s $$s > /dev/null || exit 1; \
		done; \
		echo "memcheck: $$s: no errors, no leaks"; \
	done

# The fuzzer: the parsing layers built with clang's libFuzzer and sanitizers.
FUZZ_DIR := $(BUILD)/fuzz-$(VARIANT)
FUZZ_SRCS := $(wildcard src/base/*.c src/capture/*.c src/trace/*.c src/crypto/*.c src/decode/*.c)
FUZZ_OBJS := $(FUZZ_SRCS:src/%.c=$(FUZZ_DIR)/%.o)
FUZZ_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -g -O1

$(FUZZ_DIR)/%.o: src/%.c | deps-fuzz $(WOLFSSL_LIB)
	@mkdir -p $(@D)
	clang -std=c11 -D_DEFAULT_SOURCE -Isrc $(WOLFSSL_CFLAGS) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz_decode: tests/fuzz_decode.c $(FUZZ_OBJS)
	clang -std=c11 -D_DEFAULT_SOURCE -Isrc $(WOLFSSL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer \
		-o $@ $^ $(WOLFSSL_LIBS)

# The file reader's fuzzer: capture files, key logs, pcapng blocks (make fuzz-open).
FUZZ_OPEN_OBJS := $(patsubst src/%.c,$(FUZZ_DIR)/%.o,$(wildcard src/open/*.c))

$(FUZZ_DIR)/fuzz_open: tests/fuzz/fuzz_open.c $(FUZZ_OBJS) $(FUZZ_OPEN_OBJS)
	clang -std=c11 -D_DEFAULT_SOURCE -Isrc $(WOLFSSL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer \
		-o $@ $^ $(WOLFSSL_LIBS) $(shell pkg-config --libs libpcap)

fuzz-open: $(FUZZ_DIR)/fuzz_open $(OBJDIR)/tlsviz
	@rm -rf $(FUZZ_DIR)/corpus-open && mkdir -p $(FUZZ_DIR)/corpus-open
	@for s in tls13 tls12-ecdhe tls13-resume; do \
		$(OBJDIR)/tlsviz -s $$s --export pcap -o $(FUZZ_DIR)/pcap.tmp && \
		{ printf '\000'; cat $(FUZZ_DIR)/pcap.tmp; } > $(FUZZ_DIR)/corpus-open/$$s.pcap && \
		$(OBJDIR)/tlsviz -s $$s --export keylog -o $(FUZZ_DIR)/keys.tmp && \
		{ printf '\001'; cat $(FUZZ_DIR)/keys.tmp; } > $(FUZZ_DIR)/corpus-open/$$s.keys || exit 1; \
	done; rm -f $(FUZZ_DIR)/pcap.tmp $(FUZZ_DIR)/keys.tmp
	$(FUZZ_DIR)/fuzz_open -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-open

$(OBJDIR)/fuzz-corpus: $(OBJDIR)/tests/fuzz_corpus.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

fuzz: $(FUZZ_DIR)/fuzz_decode $(OBJDIR)/fuzz-corpus
	@rm -rf $(FUZZ_DIR)/corpus && mkdir -p $(FUZZ_DIR)/corpus
	$(OBJDIR)/fuzz-corpus $(FUZZ_DIR)/corpus
	$(FUZZ_DIR)/fuzz_decode -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus

# What install puts, uninstall removes: these files, and the folders that are tlsviz's own
# once they are empty (never bin/ or man1/, which other programs share).
LESSONS := $(wildcard lessons/*.lesson)
COMPLETION := src/completion/tlsviz.bash
INSTALLED := $(BINDIR)/tlsviz $(MANDIR)/man1/tlsviz.1 $(BASH_COMPLETION_DIR)/tlsviz \
	$(DOCDIR)/LICENSE $(LESSONS:lessons/%=$(LESSONS_DIR)/%)

install: tlsviz
	install -D -m 755 tlsviz $(DESTDIR)$(BINDIR)/tlsviz
	install -D -m 644 tlsviz.1 $(DESTDIR)$(MANDIR)/man1/tlsviz.1
	install -D -m 644 $(COMPLETION) $(DESTDIR)$(BASH_COMPLETION_DIR)/tlsviz
	install -D -m 644 LICENSE $(DESTDIR)$(DOCDIR)/LICENSE
	install -d $(DESTDIR)$(LESSONS_DIR)
	install -m 644 $(LESSONS) $(DESTDIR)$(LESSONS_DIR)/

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rmdir $(DESTDIR)$(LESSONS_DIR) $(DESTDIR)$(DATADIR)/tlsviz $(DESTDIR)$(DOCDIR) 2>/dev/null || true

clean:
	rm -rf $(filter-out $(wildcard $(BUILD)/wolfssl-*),$(wildcard $(BUILD)/*)) tlsviz

distclean:
	rm -rf $(BUILD) tlsviz

-include $(shell find $(OBJDIR) -name '*.d' -type f 2>/dev/null)
