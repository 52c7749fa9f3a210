#!/usr/bin/env bash
# shellcheck disable=SC2086
# Kernel scale: oxmeter history --tags 'v6.*' on the synthetic kernel, cold, against the two-process floor, with
# its peak RSS. See bench/README.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
usage() {
  cat >&2 <<USAGE
usage: bench/kernel.sh SYNTH.git

  SYNTH.git  a synthetic kernel; built first when absent, with
             python3 \$SYNTH_TOOL SYNTH.git --releases 50 --churn 0.12 --seed 7   (about 17 minutes)
Environment: SYNTH_TOOL (default ../shared/tools/synth-kernel.py next to this checkout), SYNTH_FLAGS
             (default '--releases 50 --churn 0.12 --seed 7'), OXMETER_JAVA_OPTS (replaces the launcher's JVM options), OXMETER_HEAP.
USAGE
  exit 2
}
[ $# -eq 1 ] || usage
repo=$1
SYNTH_TOOL=${SYNTH_TOOL:-$BENCH_DIR/../../shared/tools/synth-kernel.py}
SYNTH_FLAGS=${SYNTH_FLAGS:---releases 50 --churn 0.12 --seed 7}
need git java awk python3
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install -y time)"
if [ ! -d "$repo" ]; then
  [ -f "$SYNTH_TOOL" ] || die "no synthetic kernel at $repo and no generator at $SYNTH_TOOL"
  note "building $repo with $SYNTH_TOOL $SYNTH_FLAGS"
  python3 "$SYNTH_TOOL" "$repo" $SYNTH_FLAGS >&2
fi
check_repo "$repo"
ensure_oxmeter
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oxbench-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mapfile -t tags < <(git -C "$repo" tag -l 'v6.*')
note "${#tags[@]} tags"
note "floor: unique blob ids of every tag, then two git cat-file --batch at once"
blob_ids "$repo" "${tags[@]}" >"$tmp/ids"
r=$(run_timed /dev/null "$tmp/c.err" read_blobs2 "$repo" "$tmp/ids")
t_c=$(wall_of "$r"); c_c=$(cpu_of "$r")
note "oxmeter history --tags 'v6.*', cold store"
r=$(OXMETER_JAVA_EXTRA="${OXMETER_JAVA_EXTRA:-} -Xlog:gc:file=$tmp/gc.log" \
  run_timed /dev/null "$tmp/a.err" /usr/bin/time -v -o "$tmp/time" "$OXMETER" history "$repo" --tags 'v6.*' \
  --store "$tmp/a.duckdb" -q -v)
t_a=$(wall_of "$r"); c_a=$(cpu_of "$r")
rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time")
heap=$(grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)' "$tmp/gc.log" 2>/dev/null | awk '
  function mb(s, u) { u = substr(s, length(s)); s = substr(s, 1, length(s) - 1) + 0; return u == "G" ? s * 1024 : u == "K" ? s / 1024 : s }
  { split($0, a, /->|\(|\)/); if (mb(a[1]) > used) used = mb(a[1]); if (mb(a[3]) > comm) comm = mb(a[3]) }
  END { printf "%.0f MiB used before GC at most, %.0f MiB committed at most", used, comm }' || true)
echo
echo "bench/kernel.sh  $(date -u '+%Y-%m-%d %H:%M UTC')  $(machine)"
echo "repo $repo: ${#tags[@]} tags, $(wc -l <"$tmp/ids") unique blobs"
echo "  -v: $(ox_stats "$tmp/a.err")"
printf '%-52s %9s %9s\n' "step" "wall s" "cpu s"
printf '%-52s %9s %9s\n' "floor: two cat-file --batch at once" "$t_c" "$c_c"
printf '%-52s %9s %9s\n' "oxmeter history --tags 'v6.*', cold" "$t_a" "$c_a"
echo "peak RSS $rss MiB; Java heap: $heap"
echo
r=$(ratio "$t_a" "$t_c")
printf '%-48s %8s %8s  %-6s %s\n' "oxmeter / two-process floor" "$r" "$(ratio "$c_a" "$c_c")" "<= 1.2" "$(verdict "$r" '<=' 1.2)"
printf '%-48s %8s %8s  %-6s %s\n' "peak RSS MiB" "$rss" "" "<= 2048" "$(verdict "$rss" '<=' 2048)"
