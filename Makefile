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
#   make fuzz            every libFuzzer target for FUZZ_SECONDS (60) each
#   make fuzz-coverage   the parsers' line coverage reached by the fuzz corpora
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
  # A static wolfSSL's key generators are wrapped at link time, so that both peers' ephemeral
  # private keys are kept (src/engine/engine.c); a shared one resolves its calls inside itself.
  KEYGEN_CFLAGS := -DTLSVIZ_WRAP_KEYGEN
  KEYGEN_LDFLAGS = $(foreach f,wc_curve25519_make_key wc_ecc_make_key_ex wc_DhGenerateKeyPair,\
	-Wl$(comma)--wrap=$(f))
endif
OBJDIR := $(BUILD)/$(VARIANT)$(if $(SANITIZE),-sanitize)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CFLAGS ?= -O2 -g
comma := ,
SAN_FLAGS := $(if $(SANITIZE),-fsanitize=address$(comma)undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer)
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -Isrc -MMD -MP \
	$(KEYGEN_CFLAGS) -DTLSVIZ_LESSONS_DIR='"$(LESSONS_DIR)"' \
	$(WOLFSSL_CFLAGS) $(shell pkg-config --cflags ncursesw libpcap)
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS) $(KEYGEN_LDFLAGS)
PCAP_LIBS = $(shell pkg-config --libs libpcap)
LIBS = $(WOLFSSL_LIBS) $(shell pkg-config --libs ncursesw) $(PCAP_LIBS)
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
	memcheck fuzz fuzz-corpus fuzz-coverage clean distclean FORCE

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

# After deps-if-missing, never beside it: two apt-get runs at once (make -j) fight over
# apt's lock and the second fails.
deps-check: | deps-if-missing
	@sh src/build/deps.sh --if-missing $(DEPS_BUILD) check

deps-fuzz: | deps-if-missing
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

$(OBJDIR)/tlsviz-bench: $(OBJDIR)/tests/bench.o $(OBJDIR)/tests/bench_capture.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

check: $(OBJDIR)/check_tlsviz $(OBJDIR)/tlsviz | deps-check
	TLSVIZ=$(OBJDIR)/tlsviz LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		$(OBJDIR)/check_tlsviz

bench: $(OBJDIR)/tlsviz-bench $(OBJDIR)/tlsviz
	TLSVIZ=$(OBJDIR)/tlsviz $(OBJDIR)/tlsviz-bench

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

# Fuzzing: one libFuzzer target per parser, tests/fuzz/fuzz_<target>.c, built with clang and
# the sanitizers and the feature macros the main build gets from ncursesw (wcwidth is XSI).
# Each runs from its seed corpus, tests/fuzz/corpus/<target>/ (cut from real runs by
# tests/fuzz/corpus.c: make fuzz-corpus), and keeps what it finds in
# build/fuzz-*/<target>/corpus. FUZZ_LIMITS gives each target its input length cap; a new
# parser gets its target by adding tests/fuzz/fuzz_<target>.c, its entry here and its seeds
# in corpus.c (open: the capture-file reader, TCP reassembly and the key-log parser).
FUZZ_LIMITS := record:4096 handshake:4096 extensions:2048 trace:8192 lesson:8192 open:16384
FUZZ_TARGETS ?= $(foreach l,$(FUZZ_LIMITS),$(firstword $(subst :, ,$(l))))
FUZZ_DIR := $(BUILD)/fuzz-$(VARIANT)
FUZZCOV_DIR := $(BUILD)/fuzzcov-$(VARIANT)
FUZZ_SRCS := $(wildcard src/base/*.c src/capture/*.c src/trace/*.c src/crypto/*.c \
	src/decode/*.c src/lesson/*.c src/engine/*.c src/open/*.c) tests/fuzz/synthetic.c \
	tests/fuzz/walk.c
FUZZ_CC = clang -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Isrc -Itests/fuzz \
	$(WOLFSSL_CFLAGS) -g -O1
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fsanitize-coverage-ignorelist=tests/fuzz/uninstrumented.txt
# Code whose comparisons are of lengths, positions and the decoders' own names, not of
# input bytes: its branches still count as coverage, but tracing each comparison (loop
# bounds, mostly) taught the fuzzer nothing and took a fifth of the record target's time.
FUZZ_UNCOMPARED := src/base/buf.c src/base/mix.c src/trace/timeline.c src/trace/tcp.c \
	src/decode/field.c src/decode/explain.c src/lesson/drill.c
$(FUZZ_UNCOMPARED:%.c=$(FUZZ_DIR)/%.o): FUZZ_SAN += -fno-sanitize-coverage=trace-cmp
FUZZ_COV := -fprofile-instr-generate -fcoverage-mapping
FUZZ_COV_FOLDERS := src/decode src/trace src/crypto src/lesson

$(FUZZ_DIR)/%.o: %.c | deps-fuzz $(WOLFSSL_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) -MMD -MP $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/tests/fuzz/fuzz_%.o $(FUZZ_SRCS:%.c=$(FUZZ_DIR)/%.o) \
		$(OBJDIR)/gen/assets.c
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(WOLFSSL_LIBS) $(PCAP_LIBS)

$(FUZZCOV_DIR)/%.o: %.c | deps-fuzz $(WOLFSSL_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) -MMD -MP $(FUZZ_COV) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZCOV_DIR)/fuzz_%: $(FUZZCOV_DIR)/tests/fuzz/fuzz_%.o $(FUZZ_SRCS:%.c=$(FUZZCOV_DIR)/%.o) \
		$(OBJDIR)/gen/assets.c
	$(FUZZ_CC) $(FUZZ_COV) -fsanitize=fuzzer -o $@ $^ $(WOLFSSL_LIBS) $(PCAP_LIBS)

$(OBJDIR)/fuzz-corpus: $(OBJDIR)/tests/fuzz/corpus.o $(OBJDIR)/tests/fuzz/synthetic.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

.PRECIOUS: $(FUZZ_DIR)/fuzz_% $(FUZZCOV_DIR)/fuzz_% $(FUZZ_DIR)/%.o $(FUZZCOV_DIR)/%.o

# Each target for FUZZ_SECONDS, one line each; fails when any crashed, leaked or timed out.
fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
	@failed=0; for l in $(FUZZ_LIMITS); do t=$${l%%:*}; \
		case " $(FUZZ_TARGETS) " in *" $$t "*) ;; *) continue ;; esac; \
		sh tests/fuzz/run.sh $$t $(FUZZ_DIR)/fuzz_$$t $(FUZZ_SECONDS) $${l#*:} \
			$(FUZZ_DIR)/$$t tests/fuzz/corpus/$$t || failed=1; \
	done; exit $$failed

# Rewrites the seed corpora from seeded runs of this tree (bundled wolfSSL); inputs a search
# once stopped on, kept as regress*, stay.
fuzz-corpus: $(OBJDIR)/fuzz-corpus
	mkdir -p tests/fuzz/corpus && find tests/fuzz/corpus -type f ! -name 'regress*' -delete
	$(OBJDIR)/fuzz-corpus tests/fuzz/corpus lessons/*.lesson

# Line coverage of the parsing layers reached by replaying the corpora (the seeds, and
# what make fuzz found), with clang's source-based coverage.
fuzz-coverage: $(FUZZ_TARGETS:%=$(FUZZCOV_DIR)/fuzz_%)
	@rm -f $(FUZZCOV_DIR)/*.profraw
	@for t in $(FUZZ_TARGETS); do \
		LLVM_PROFILE_FILE=$(FUZZCOV_DIR)/$$t.profraw $(FUZZCOV_DIR)/fuzz_$$t -runs=0 \
			tests/fuzz/corpus/$$t $$(ls -d $(FUZZ_DIR)/$$t/corpus 2>/dev/null) \
			>$(FUZZCOV_DIR)/$$t.log 2>&1 || { cat $(FUZZCOV_DIR)/$$t.log; exit 1; }; \
	done
	@llvm-profdata merge -sparse -o $(FUZZCOV_DIR)/all.profdata $(FUZZCOV_DIR)/*.profraw
	@llvm-cov report -instr-profile=$(FUZZCOV_DIR)/all.profdata \
		$(FUZZCOV_DIR)/fuzz_$(firstword $(FUZZ_TARGETS)) \
		$(foreach t,$(wordlist 2,99,$(FUZZ_TARGETS)),-object $(FUZZCOV_DIR)/fuzz_$(t)) \
		$(FUZZ_COV_FOLDERS)

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

# Header dependencies of every object, the fuzzers' too (a changed struct rebuilds them).
-include $(shell find $(OBJDIR) $(FUZZ_DIR) $(FUZZCOV_DIR) -name '*.d' -type f 2>/dev/null)
