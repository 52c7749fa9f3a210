#!/usr/bin/env bash
# shellcheck disable=SC2086  # ${OX_FLAGS:-} is split into flags on purpose
# One-revision benchmark: oxmeter scan vs cloc on an extracted tree vs the git floor, plus an accuracy check
# (per-language lines and code, oxmeter vs cloc). See bench/README.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat >&2 <<USAGE
usage: bench/scan.sh REPO [REV]

  REPO  a git repository (bare or not)
  REV   the revision to measure (default HEAD)

Times, on the tree of REV (median of \$RUNS runs, default 3):
  JVM start-up      oxmeter --version
  (a) oxmeter       oxmeter scan REPO --rev REV --no-store -q   (also its own -v seconds)
  (b) cloc          git archive REV | tar -x (extraction), then cloc --quiet --csv \$CLOC_FLAGS DIR (cloc alone)
  (c) floor         git ls-tree -r REV + git cat-file --batch over the unique blob ids
then compares per-language lines and code of oxmeter (--format csv --include-vendored) and cloc
(run once more with --skip-uniqueness --timeout=0 so that it counts every file, like oxmeter).
Environment: OX_FLAGS (extra oxmeter flags, e.g. --include-vendored), RUNS, CLOC_FLAGS (extra flags for the timed cloc), OXMETER (launcher path).
USAGE
  exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in -h|--help) usage ;; esac
repo=$1
rev=${2:-HEAD}
RUNS=${RUNS:-3}
CLOC_FLAGS=${CLOC_FLAGS:-}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
need git tar cloc awk sort java
check_repo "$repo"
commit=$(git -C "$repo" rev-parse --verify --quiet "$rev^{commit}") || die "not a revision of $repo: $rev"
ensure_oxmeter

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oxbench-scan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

blob_ids "$repo" "$commit" >"$tmp/ids"
n_missing=$(git -C "$repo" cat-file --batch-check <"$tmp/ids" | grep -c ' missing$' || true)
[ "$n_missing" = 0 ] || die "$rev references $n_missing blob(s) missing from $repo (partial clone?): pick another REV"
n_entries=$(git -C "$repo" ls-tree -r "$commit" | awk '$2 == "blob"' | wc -l)
n_blobs=$(wc -l <"$tmp/ids")
mib=$(git -C "$repo" cat-file --batch-check='%(objectsize)' <"$tmp/ids" | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }')

# shellcheck disable=SC2086
run_cloc() { cloc --quiet --csv $CLOC_FLAGS "$1"; }
floor() { blob_ids "$repo" "$commit" >"$tmp/floor-ids" && read_blobs "$repo" "$tmp/floor-ids"; }

declare -A W C   # W[step] / C[step]: space-separated wall / CPU seconds of the runs
W=(); C=()
timed() { # STEP OUT ERR CMD...
  local step=$1 r; shift
  r=$(run_timed "$@")
  W[$step]+=" $(wall_of "$r")"; C[$step]+=" $(cpu_of "$r")"
}
oxv_runs=()
for ((i = 1; i <= RUNS; i++)); do
  note "run $i/$RUNS"
  timed jvm /dev/null "$tmp/err" "$OXMETER" --version
  timed ox /dev/null "$tmp/ox.err" "$OXMETER" scan "$repo" --rev "$commit" --no-store -q -v ${OX_FLAGS:-}
  oxv_runs+=("$(ox_secs "$(ox_stats "$tmp/ox.err")")")
  rm -rf "$tmp/tree"
  timed ext /dev/null "$tmp/err" extract "$repo" "$commit" "$tmp/tree"
  timed cloc "$tmp/cloc.csv" "$tmp/cloc.err" run_cloc "$tmp/tree"
  timed floor /dev/null "$tmp/err" floor
done
# shellcheck disable=SC2086
{
  jvm=$(median ${W[jvm]}); ox=$(median ${W[ox]}); ext=$(median ${W[ext]}); cl=$(median ${W[cloc]}); fl=$(median ${W[floor]})
  cjvm=$(median ${C[jvm]}); cox=$(median ${C[ox]}); cext=$(median ${C[ext]}); ccl=$(median ${C[cloc]}); cfl=$(median ${C[floor]})
}
if [[ " ${oxv_runs[*]} " == *" n/a "* ]]; then oxv=n/a; else oxv=$(median "${oxv_runs[@]}"); fi
stats=$(ox_stats "$tmp/ox.err")
n_files=$(find "$tmp/tree" -type f | wc -l)
cloc_err=$(grep -v '^[[:space:]]*$' "$tmp/cloc.err" | tr '\n' ' ' || true)

echo
echo "bench/scan.sh  $(date -u '+%Y-%m-%d %H:%M UTC')  $(machine)"
echo "repo $repo @ $rev ($commit)"
echo "  $n_entries blob entries, $n_blobs unique blobs, $mib MiB; $n_files regular files extracted; median of $RUNS runs"
echo "  oxmeter -v: ${stats#oxmeter: }"
[ -z "$cloc_err" ] || echo "  cloc stderr: $cloc_err"
echo
row() { printf '%-52s %9s %9s\n' "$@"; }
row "step" "wall s" "cpu s"
row "JVM start-up (oxmeter --version)" "$jvm" "$cjvm"
row "(a) oxmeter scan --no-store -q" "$ox" "$cox"
row "    oxmeter's own -v seconds" "$oxv" ""
row "(b) git archive | tar -x (extraction)" "$ext" "$cext"
row "    cloc --quiet --csv${CLOC_FLAGS:+ $CLOC_FLAGS} (cloc alone)" "$cl" "$ccl"
row "(c) floor: ls-tree -r + cat-file --batch" "$fl" "$cfl"
echo
row "ratio" "wall" "cpu"
row "oxmeter/cloc (cloc alone)" "$(ratio "$ox" "$cl")" "$(ratio "$cox" "$ccl")"
row "oxmeter/(extraction + cloc)" "$(ratio "$ox" "$(awk -v a="$ext" -v b="$cl" 'BEGIN { print a + b }')")" \
  "$(ratio "$cox" "$(awk -v a="$cext" -v b="$ccl" 'BEGIN { print a + b }')")"
row "oxmeter/floor" "$(ratio "$ox" "$fl")" "$(ratio "$cox" "$cfl")"
row "oxmeter/floor (oxmeter minus JVM start-up)" "$(ratio "$(awk -v a="$ox" -v b="$jvm" 'BEGIN { print a - b }')" "$fl")" \
  "$(ratio "$(awk -v a="$cox" -v b="$cjvm" 'BEGIN { print a - b }')" "$cfl")"
row "oxmeter/floor (oxmeter's own -v seconds)" "$(ratio "$oxv" "$fl")" ""

# ---- accuracy: per-language totals, oxmeter vs cloc ----
"$OXMETER" scan "$repo" --rev "$commit" --no-store -q --format csv --include-vendored >"$tmp/ox.csv"
t0=$(now)
cloc --quiet --csv --skip-uniqueness --timeout=0 "$tmp/tree" >"$tmp/cloc-all.csv" 2>"$tmp/cloc-all.err"
t_cloc_all=$(secs "$t0" "$(now)")
echo
echo "accuracy: oxmeter scan --format csv --include-vendored vs cloc --skip-uniqueness --timeout=0 (${t_cloc_all} s)"
echo "languages present in both; diff = (oxmeter - cloc) / cloc"
awk -F, '
  function key(n, l) {
    l = tolower(n)
    if (l == "c header" || l == "c++ header" || l == "c/c++ header") return "c/c++ header"
    if (l == "shell" || l == "bourne shell" || l == "bourne again shell" || l == "bash" || l == "zsh" || l == "ksh") return "shell"
    if (l == "make" || l == "makefile") return "makefile"
    if (l == "batch" || l == "dos batch") return "batch"
    if (l == "lisp" || l == "emacs lisp") return "lisp"
    if (l == "coccinelle" || l == "smpl") return "coccinelle"
    if (l == "vim script" || l == "vimscript") return "vim script"
    if (l == "text" || l == "plain text") return "text"
    if (l == "scss" || l == "sass") return "scss"
    return l
  }
  function label(k, n) {
    if (k == "c/c++ header") return "C/C++ Header"
    if (k == "shell") return "Shell"
    if (k == "makefile") return "Makefile"
    return n
  }
  function col(name, i) { for (i = 1; i <= NF; i++) if ($i == name) return i; return 0 }
  { gsub(/"/, "") }
  FNR == 1 {
    side = (FILENAME == ARGV[1]) ? "ox" : "cl"
    cLang = col("language"); cFiles = col("files"); cCode = col("code")
    cLines = col("lines"); cBlank = col("blank"); cComm = col("comment")
    next
  }
  {
    n = $cLang
    if (n == "" || n == "SUM" || n ~ /^\(/) next
    k = key(n)
    if (!(k in name)) name[k] = label(k, n)
    lines = cLines ? $cLines : $cBlank + $cComm + $cCode
    F[side, k] += $cFiles; L[side, k] += lines; C[side, k] += $cCode; seen[side, k] = 1; keys[k] = 1
  }
  function pct(a, b) { return b == 0 ? "n/a" : sprintf("%+.1f%%", 100 * (a - b) / b) }
  END {
    fmt = "%-18s %7s %7s %10s %10s %8s %10s %10s %8s\n"
    printf fmt, "language", "files", "cloc", "lines", "cloc", "diff", "code", "cloc", "diff"
    m = 0
    for (k in keys) if (seen["ox", k] && seen["cl", k]) order[++m] = k
    for (i = 2; i <= m; i++) for (j = i; j > 1 && L["cl", order[j]] > L["cl", order[j - 1]]; j--) { t = order[j]; order[j] = order[j - 1]; order[j - 1] = t }
    for (i = 1; i <= m; i++) {
      k = order[i]
      printf fmt, name[k], F["ox", k], F["cl", k], L["ox", k], L["cl", k], pct(L["ox", k], L["cl", k]), C["ox", k], C["cl", k], pct(C["ox", k], C["cl", k])
      for (s = 1; s <= 2; s++) { sd = s == 1 ? "ox" : "cl"; TF[sd] += F[sd, k]; TL[sd] += L[sd, k]; TC[sd] += C[sd, k] }
    }
    printf fmt, "(all of the above)", TF["ox"], TF["cl"], TL["ox"], TL["cl"], pct(TL["ox"], TL["cl"]), TC["ox"], TC["cl"], pct(TC["ox"], TC["cl"])
    for (s = 1; s <= 2; s++) {
      sd = s == 1 ? "ox" : "cl"; other = s == 1 ? "cl" : "ox"; msg = ""; m = 0
      for (k in keys) if (seen[sd, k] && !seen[other, k]) only[++m] = k
      for (i = 2; i <= m; i++) for (j = i; j > 1 && L[sd, only[j]] > L[sd, only[j - 1]]; j--) { t = only[j]; only[j] = only[j - 1]; only[j - 1] = t }
      for (i = 1; i <= m; i++) msg = msg sprintf(" %s (%d files, %d lines);", name[only[i]], F[sd, only[i]], L[sd, only[i]])
      printf "only in %s:%s\n", s == 1 ? "oxmeter" : "cloc", msg == "" ? " -" : msg
    }
  }' "$tmp/ox.csv" "$tmp/cloc-all.csv"
