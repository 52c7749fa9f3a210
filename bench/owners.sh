#!/usr/bin/env bash
# shellcheck disable=SC2086
# CODEOWNERS at scale: oxmeter owners on a generated repository (FILES files, a CODEOWNERS of RULES rules of mixed
# shapes, bench/codeowners-gen.py) against oxmeter scan of the same revision (the same reading and counting without
# ownership). See bench/README.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
FILES=${FILES:-5000}
RULES=${RULES:-10000}
need git python3 java awk
ensure_oxmeter
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oxbench-owners.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
note "generating $FILES files and $RULES rules"
python3 "$BENCH_DIR/codeowners-gen.py" "$tmp/repo" --files "$FILES" --rules "$RULES"
r=$(run_timed "$tmp/owners.out" "$tmp/owners.err" "$OXMETER" owners "$tmp/repo" --lang c --no-store -q --format csv)
t_o=$(wall_of "$r"); c_o=$(cpu_of "$r")
r=$(run_timed /dev/null "$tmp/scan.err" "$OXMETER" scan "$tmp/repo" --no-store -q)
t_s=$(wall_of "$r"); c_s=$(cpu_of "$r")
r=$(run_timed /dev/null "$tmp/v.err" "$OXMETER" --version)
t_j=$(wall_of "$r"); c_j=$(cpu_of "$r")
echo
echo "bench/owners.sh  $(date -u '+%Y-%m-%d %H:%M UTC')  $(machine)"
echo "  $FILES files, $RULES CODEOWNERS rules; $(($(wc -l <"$tmp/owners.out") - 1)) owner rows for C"
printf '%-52s %9s %9s\n' "step" "wall s" "cpu s"
printf '%-52s %9s %9s\n' "JVM start-up (oxmeter --version)" "$t_j" "$c_j"
printf '%-52s %9s %9s\n' "oxmeter scan (the peer: no ownership)" "$t_s" "$c_s"
printf '%-52s %9s %9s\n' "oxmeter owners --lang c" "$t_o" "$c_o"
echo
printf '%-48s %8s %8s  %-6s %s\n' "ratio / limit" "wall" "cpu" "target" "(on wall)"
printf '%-48s %8s %8s  %-6s %s\n' "owners / scan" "$(ratio "$t_o" "$t_s")" "$(ratio "$c_o" "$c_s")" "" ""
printf '%-48s %8s %8s  %-6s %s\n' "owners, whole command, seconds" "$t_o" "" "<= 3" "$(verdict "$t_o" '<=' 3)"
