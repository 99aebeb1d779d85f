#!/bin/sh
# install.sh: `make install DESTDIR=$(mktemp -d)` puts the binary, the man
# page and the completion where PREFIX says; the installed binary runs;
# `make uninstall` removes them. Run by `make test` from the top directory.
set -u
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
fail=0
bad() { fail=1; printf 'FAIL: install: %s\n' "$*"; }
make -s install DESTDIR="$D" PREFIX=/opt/jx > /dev/null || bad "make install failed"
for f in bin/jxgov share/man/man1/jxgov.1 share/bash-completion/completions/jxgov; do
    [ -f "$D/opt/jx/$f" ] || bad "$f not installed"
done
[ -x "$D/opt/jx/bin/jxgov" ] || bad "bin/jxgov not executable"
"$D/opt/jx/bin/jxgov" --version | grep -q '^jxgov [0-9]' || bad "the installed jxgov does not run"
! command -v man > /dev/null || man -l "$D/opt/jx/share/man/man1/jxgov.1" 2> /dev/null | grep -q 'EXIT STATUS' || bad "the man page does not render"
bash -c ". '$D/opt/jx/share/bash-completion/completions/jxgov' && complete -p jxgov" > /dev/null 2>&1 ||
    bad "the completion file does not define a completion"
make -s uninstall DESTDIR="$D" PREFIX=/opt/jx > /dev/null || bad "make uninstall failed"
left=$(find "$D" -type f | wc -l)
[ "$left" = 0 ] || bad "uninstall left $left files"
[ $fail = 0 ] && echo "install: ok"
exit $fail
