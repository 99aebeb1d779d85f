# jxgov: build, test, demo. Dependencies: SQLite, PCRE2 (8-bit), iconv (libc).
CC      ?= cc
PKGS    := sqlite3 libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lpcre2-8)
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -D_POSIX_C_SOURCE=200809L
CFLAGS  ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC     := src/arena.c src/msg.c src/sha256.c src/decode.c src/text.c src/lex.c src/table.c \
           src/depts.c src/parse.c src/gazette.c src/load.c
HDR     := include/jxgov.h

.PHONY: all demo test deps clean valgrind
all: jxgov

build/embed: tools/embed.c
	@mkdir -p build
	$(CC) -O1 -o $@ $<

build/embedded.c: build/embed schema.sql data/departments.tsv
	{ build/embed jx_schema_sql schema.sql; build/embed jx_departments_tsv data/departments.tsv; } > $@

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
	$(MAKE) jxgov build/jxgov-san build/unit-san build/perturb
	build/unit-san
	JXGOV=build/jxgov-san sh tests/run.sh

clean:
	rm -rf build jxgov jxgov.db jxgov.db-wal jxgov.db-shm

build/perturb: tests/perturb.c
	@mkdir -p build
	$(CC) $(WARN) -O1 -o $@ $<

# The end-to-end suite with the optimised binary under valgrind (slow; not CI).
valgrind: jxgov build/perturb
	JXGOV=tests/valgrind.sh sh tests/run.sh
