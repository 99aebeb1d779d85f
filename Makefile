# jxgov: build, test, demo. Dependencies: SQLite, PCRE2 (8-bit), iconv (libc).
CC      ?= cc
PKGS    := sqlite3 libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lpcre2-8)
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -D_POSIX_C_SOURCE=200809L -pthread
CFLAGS  ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
           -ftrivial-auto-var-init=pattern

SRC     := src/arena.c src/msg.c src/sha256.c src/decode.c src/text.c src/unrun.c src/lex.c src/page.c src/table.c \
           src/district.c src/depts.c src/segment.c src/notice.c src/parse.c src/gazette.c src/kinds.c src/db.c src/load.c \
           src/work.c src/run.c
HDR     := include/jxgov.h

.PHONY: all demo test deps clean valgrind fuzz bench install uninstall
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man/man1
COMPDIR := $(PREFIX)/share/bash-completion/completions
all: jxgov

build/embed: tools/embed.c
	@mkdir -p build
	$(CC) -O1 -o $@ $<

# The schema with the rows of its districts table, from data/districts.tsv.
build/schema.sql: schema.sql data/districts.tsv
	@mkdir -p build
	{ cat schema.sql; awk -F '\t' '!/^#/ && NF { printf "%s(%s, '"'"'%s'"'"')", n++ ? ", " : \
	  "INSERT OR IGNORE INTO districts (district_id, name) VALUES ", $$1, $$2 } END { print ";" }' \
	  data/districts.tsv; } > $@

build/embedded.c: build/embed build/schema.sql data/departments.tsv data/districts.tsv
	{ build/embed jx_schema_sql build/schema.sql; build/embed jx_departments_tsv data/departments.tsv; \
	  build/embed jx_districts_tsv data/districts.tsv; } > $@

jxgov: $(SRC) src/main.c build/embedded.c $(HDR)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Iinclude -o $@ $(SRC) src/main.c build/embedded.c $(PKG_LIBS)

# The test build: same sources, sanitizers on, no optimisation surprises.
build/jxgov-san: $(SRC) src/main.c build/embedded.c $(HDR)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Iinclude -o $@ $(SRC) src/main.c build/embedded.c $(PKG_LIBS)

build/unit-san: tests/unit.c $(SRC) build/embedded.c $(HDR)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Iinclude -o $@ tests/unit.c $(SRC) build/embedded.c $(PKG_LIBS)

# Installs the Debian packages the build needs when they are missing.
deps:
	@if ! pkg-config --exists $(PKGS) 2>/dev/null || ! command -v sqlite3 >/dev/null; then \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "installing build dependencies (libsqlite3-dev libpcre2-dev sqlite3 pkg-config)"; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libsqlite3-dev libpcre2-dev sqlite3 pkg-config; \
	fi

demo: deps
	$(MAKE) jxgov
	./jxgov ingest data/samples/*.txt
	sqlite3 -header -column jxgov.db 'SELECT doc_no, issued_on, title FROM v_notices ORDER BY issued_on'

test: deps
	$(MAKE) jxgov build/jxgov-san build/unit-san build/perturb build/fuzz-replay build/shrink.so
	build/unit-san
	JXGOV_NO_SHA_NI=1 build/unit-san
	build/fuzz-replay tests/fuzz
	JXGOV=build/jxgov-san sh tests/run.sh
	sh tests/install.sh

# The binary, its man page and its bash completion; DESTDIR for packaging.
install: jxgov
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(COMPDIR)"
	install -m 755 jxgov "$(DESTDIR)$(BINDIR)/jxgov"
	install -m 644 doc/jxgov.1 "$(DESTDIR)$(MANDIR)/jxgov.1"
	install -m 644 doc/jxgov.bash "$(DESTDIR)$(COMPDIR)/jxgov"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/jxgov" "$(DESTDIR)$(MANDIR)/jxgov.1" "$(DESTDIR)$(COMPDIR)/jxgov"

clean:
	rm -rf build jxgov jxgov.db jxgov.db-wal jxgov.db-shm

build/perturb: tests/perturb.c
	@mkdir -p build
	$(CC) $(WARN) -O1 -o $@ $<

# The end-to-end suite and the fuzz regressions under valgrind (slow; not CI).
valgrind: jxgov build/perturb build/shrink.so build/fuzz-replay-plain
	JXGOV_NO_JIT=1 valgrind -q --error-exitcode=99 --leak-check=full build/fuzz-replay-plain tests/fuzz
	JXGOV=tests/valgrind.sh sh tests/run.sh

build/fuzz-replay-plain: fuzz/fuzz.c $(SRC) build/embedded.c $(HDR)
	$(CC) $(WARN) -O1 -g -DFUZZ_REPLAY $(PKG_CFLAGS) -Iinclude -o $@ fuzz/fuzz.c $(SRC) build/embedded.c $(PKG_LIBS)

# ---- fuzzing (clang + libFuzzer) ----
FUZZ_TARGETS := decode lex table depts parse
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/fuzz-%: fuzz/fuzz.c $(SRC) build/embedded.c $(HDR)
	$(FUZZ_CC) $(FUZZ_FLAGS) -DFUZZ_$(shell echo $* | tr a-z A-Z) $(PKG_CFLAGS) -Iinclude -o $@ \
	    fuzz/fuzz.c $(SRC) build/embedded.c $(PKG_LIBS)

# Seeds: the sample texts, their GB18030 and UTF-16 copies (with a BOM and
# without), their tables as a page's HTML and as CSV, and the regressions.
build/fuzz-corpus: data/samples/*.txt build/perturb
	rm -rf $@ && mkdir -p $@
	for f in data/samples/*.txt; do b=$$(basename $$f .txt); cp $$f $@/$$b; \
	  iconv -f UTF-8 -t GB18030 $$f > $@/$$b.gb18030; \
	  { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE $$f; } > $@/$$b.utf16le; \
	  iconv -f UTF-8 -t UTF-16BE $$f > $@/$$b.utf16be; \
	  build/perturb htmlcells $$f > $@/$$b.html; build/perturb csv $$f > $@/$$b.csv; done
	cp tests/fuzz/* $@/ 2>/dev/null || true

# A campaign: every target for FUZZ_SECONDS; crashes land in build/fuzz-crashes
# and belong in tests/fuzz once fixed.
fuzz: $(addprefix build/fuzz-,$(FUZZ_TARGETS)) build/fuzz-corpus
	mkdir -p build/fuzz-crashes
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz-work-$$t; \
	  build/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
	      -artifact_prefix=build/fuzz-crashes/$$t- -print_final_stats=1 \
	      build/fuzz-work-$$t build/fuzz-corpus > build/fuzz-$$t.log 2>&1; \
	  echo "$$t: $$(grep -E 'cov: ' build/fuzz-$$t.log | tail -n 1)"; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|ERROR|SUMMARY' build/fuzz-$$t.log | sed "s/^/$$t: /"; \
	done

# The regression corpus, replayed under ASan+UBSan by `make test`.
build/fuzz-replay: fuzz/fuzz.c $(SRC) build/embedded.c $(HDR)
	$(CC) $(WARN) -O1 -g $(SAN) -DFUZZ_REPLAY $(PKG_CFLAGS) -Iinclude -o $@ fuzz/fuzz.c $(SRC) build/embedded.c $(PKG_LIBS)

# ---- benchmark (not part of test: figures, not pass/fail) ----
build/gen: bench/gen.c
	@mkdir -p build
	$(CC) -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -o $@ $<

build/timeit: bench/timeit.c
	@mkdir -p build
	$(CC) -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -o $@ $<

bench: deps
	$(MAKE) jxgov build/gen build/timeit
	sh bench/run.sh

build/shrink.so: tests/shrink.c
	@mkdir -p build
	$(CC) -shared -fPIC -O1 -o $@ $< -ldl
