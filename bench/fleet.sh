#!/usr/bin/env bash
# Fleet benchmark: ./oxmeter fleet over a list of repositories against a shell loop of `oxmeter history` (and
# `oxmeter people --lang rust`) over the same list, in one run, with Spark's start-up measured apart.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat >&2 <<USAGE
usage: bench/fleet.sh REPOS_FILE [OUT_DIR]

  REPOS_FILE  the list oxmeter fleet takes: LOCATION [NAME] per line (local paths, for the loop too)
  OUT_DIR     where to write (default: a temporary directory, removed afterwards)

Times, each once:
  (a) ./oxmeter fleet --repos REPOS_FILE --out OUT -v                  (Spark local mode, all cores)
  (b) for each repository: oxmeter history REPO --no-store -q; oxmeter people REPO --lang rust --no-store -q
  and prints Spark's start-up time (from -v), the unique blobs across the fleet against the sum over
  repositories, and the ratio (a)/(b).
USAGE
  exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in -h|--help) usage ;; esac
list=$1
[ -f "$list" ] || die "no such file: $list"
need java git awk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${2:-$work/fleet-out}

"$OXMETER" fleet --help >/dev/null   # builds the fleet module outside the timings
"$OXMETER" --help >/dev/null

note "(a) oxmeter fleet"
t0=$(now)
"$OXMETER" fleet --repos "$list" --out "$out" -v 2>"$work/fleet.err" || { cat "$work/fleet.err" >&2; exit 1; }
t1=$(now)
fleet=$(secs "$t0" "$t1")
startup=$(sed -n 's/.*Spark start-up \([0-9.]*\) s.*/\1/p' "$work/fleet.err")
blobs=$(grep -o '[0-9,]* unique blobs measured across the fleet, [0-9,]* summed' "$work/fleet.err" | tr -d ,)

note "(b) a loop of oxmeter history and people"
t0=$(now)
grep -v '^\s*\(#\|$\)' "$list" | while read -r location _; do
  "$OXMETER" history "$location" --no-store -q --format csv >/dev/null 2>>"$work/loop.err" || true
  "$OXMETER" people "$location" --lang rust --no-store -q --format csv >/dev/null 2>>"$work/loop.err" || true
done
t1=$(now)
loop=$(secs "$t0" "$t1")

echo "repositories:           $(grep -cv '^\s*\(#\|$\)' "$list")"
echo "fleet (a):              ${fleet} s   (Spark start-up ${startup:-?} s)"
echo "history+people loop (b): ${loop} s"
echo "ratio (a)/(b):          $(ratio "$fleet" "$loop")"
echo "blobs:                  ${blobs:-?}"
grep -h '^oxmeter: .*: ' "$work/fleet.err" | grep -v 'Spark start-up\|file entries\|measured into' || true
