#!/bin/sh
# Runs ./jxgov under valgrind for `make valgrind`; any report fails the case
# (exit 99 instead of the status the test expects).
here=$(cd "$(dirname "$0")/.." && pwd)
JXGOV_NO_JIT=1 exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$here/jxgov" "$@"
