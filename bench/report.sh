#!/usr/bin/env bash
# shellcheck disable=SC2086
# The report on a warm store: `oxmeter report REPO` once cold (a fresh store), then RUNS (3) times warm on that
# store, with the warm pages checked equal to the cold one. Target: warm <= 5 s wall (median). See bench/README.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -ge 1 ] || { echo "usage: bench/report.sh REPO [REPORT OPTIONS...]   (e.g. --tags 'v2.*' --exclude-tags '*-rc*')" >&2; exit 2; }
repo=$1; shift
RUNS=${RUNS:-3}
need git java awk
check_repo "$repo"
ensure_oxmeter
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oxbench-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# a fixed --generated-at, so that a warm page must equal the cold one byte for byte
fixed=(--generated-at "bench" -q)

note "cold: report $* on a fresh store"
r=$(run_timed /dev/null "$tmp/cold.err" "$OXMETER" report "$repo" "$@" "${fixed[@]}" --store "$tmp/s.duckdb" \
  -o "$tmp/cold.html")
t_cold=$(wall_of "$r"); c_cold=$(cpu_of "$r")
walls=(); cpus=(); same=yes
for i in $(seq "$RUNS"); do
  note "warm run $i of $RUNS"
  r=$(run_timed /dev/null "$tmp/warm.err" "$OXMETER" report "$repo" "$@" "${fixed[@]}" --store "$tmp/s.duckdb" \
    -o "$tmp/warm.html")
  walls+=("$(wall_of "$r")"); cpus+=("$(cpu_of "$r")")
  cmp -s "$tmp/cold.html" "$tmp/warm.html" || same=NO
done
r=$(run_timed /dev/null "$tmp/err" "$OXMETER" --version)
t_jvm=$(wall_of "$r")
t_warm=$(median "${walls[@]}"); c_warm=$(median "${cpus[@]}")

echo
echo "bench/report.sh  $(date -u '+%Y-%m-%d %H:%M UTC')  $(machine)"
echo "repo $repo; report options: ${*:-(default timeline)}; page $(wc -c <"$tmp/cold.html") bytes"
printf '%-52s %9s %9s\n' "step" "wall s" "cpu s"
printf '%-52s %9s %9s\n' "JVM start-up (oxmeter --version)" "$t_jvm" ""
printf '%-52s %9s %9s\n' "report, cold store" "$t_cold" "$c_cold"
printf '%-52s %9s %9s\n' "report, warm store (median of $RUNS: ${walls[*]})" "$t_warm" "$c_warm"
echo "warm pages equal to the cold page: $same"
echo
printf '%-48s %8s  %-6s %s\n' "warm report wall s" "$t_warm" "<= 5" "$(verdict "$t_warm" '<=' 5)"
[ "$same" = yes ] || exit 1
