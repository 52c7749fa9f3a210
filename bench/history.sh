#!/usr/bin/env bash
# shellcheck disable=SC2086  # ${OX_FLAGS:-} is split into flags on purpose
# Many-revision benchmark: oxmeter history on N release tags vs a cloc loop vs the git floor, all tags cold,
# a warm re-run with one more tag, and peak memory. See bench/README.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat >&2 <<USAGE
usage: bench/history.sh REPO [N_TAGS]

  REPO    a git repository (bare or not) with release tags
  N_TAGS  how many release tags to measure (default 15), chosen evenly across the version-sorted tags that
          point to commits, contain a digit and are not pre-releases (rc, alpha, beta, pre, dev, snapshot, nightly).
          Tags whose trees reference objects missing from the repository (partial clone) are left out. When the
          repository has no more than N_TAGS release tags, all but the newest are measured and (e) adds the newest.

Times, each once (sequentially):
  (a) oxmeter history REPO --revs <N tags> --store FRESH -q -v        (cold store)
  (b) for each tag: git archive TAG | tar -x; cloc --quiet --csv \$CLOC_FLAGS   (the whole loop)
  (c) floor: git ls-tree -r of each tag, then one git cat-file --batch over the union of unique blob ids
  (d) oxmeter history REPO --tags '*' --store FRESH2 -q -v             (every tag, cold store)
  (e) (a) again with one more tag (the newest release not in (a)), on the store of (a)   (warm)
  (f) peak RSS of (d) (/usr/bin/time -v) and peak Java heap (GC log)
  (g) (d) again on its store: every tag, warm
(e), (g) and the JVM start-up run REPEAT times (default 5) and report their median, with the lowest and highest.
Environment: REVS=T1,T2,... measures these revisions instead of N chosen tags, EXTRA=TAG the one (e) adds;
             OX_FLAGS (extra oxmeter flags, e.g. --include-vendored), CLOC_TAGS=K runs the cloc loop on K of the N tags (evenly) and extrapolates it to N;
             SKIP_ALL=1 skips (d)/(f); CLOC_FLAGS; OXMETER (launcher path).
USAGE
  exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in -h|--help) usage ;; esac
repo=$1
n_tags=${2:-15}
[[ "$n_tags" =~ ^[1-9][0-9]*$ ]] || die "N_TAGS must be a positive integer, not '$n_tags'"
CLOC_TAGS=${CLOC_TAGS:-$n_tags}
[[ "$CLOC_TAGS" =~ ^[1-9][0-9]*$ ]] || die "CLOC_TAGS must be a positive integer"
CLOC_FLAGS=${CLOC_FLAGS:-}
SKIP_ALL=${SKIP_ALL:-0}
REPEAT=${REPEAT:-5}
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive integer"
need git tar cloc awk sort java
[ "$SKIP_ALL" = 1 ] || [ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install -y time), or set SKIP_ALL=1"
check_repo "$repo"
ensure_oxmeter

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oxbench-history.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# ---- the tags ----
# every tag that peels to a commit, as "name"
git -C "$repo" for-each-ref refs/tags --format='%(refname:strip=2)%09%(objecttype)%09%(*objecttype)' |
  awk -F'\t' '$2 == "commit" || $3 == "commit" { print $1 }' >"$tmp/all-tags"
# release tags, version-sorted (a leading non-digit prefix such as "v" is ignored for the order)
grep '[0-9]' "$tmp/all-tags" | grep -viE '([-_.~+]|[0-9])(rc|alpha|beta|pre|dev|snapshot|nightly)' |
  awk '{ k = $0; sub(/^[^0-9]*/, "", k); print k "\t" $0 }' | sort -t "$(printf '\t')" -k1,1V -k2,2 | cut -f2 \
  >"$tmp/releases" || true
# Tags whose trees reference objects missing from the repository (a partial or filtered clone: the tree-sitter
# mirror lacks a few large blobs) cannot be measured by any of the tools: leave them out, and say so.
: >"$tmp/broken-tags"
git -C "$repo" for-each-ref refs/tags --format='%(objectname)' |
  git -C "$repo" rev-list --objects --missing=print --stdin 2>/dev/null | sed -n 's/^?//p' | sort -u >"$tmp/missing" || true
if [ -s "$tmp/missing" ]; then
  while IFS= read -r t; do
    hits=$( (git -C "$repo" ls-tree -r "$t" 2>/dev/null || echo "ls-tree-failed") | awk '{ print $3 }' |
      grep -cxF -e ls-tree-failed -f "$tmp/missing" || true)
    [ "$hits" = 0 ] || echo "$t"
  done <"$tmp/all-tags" >"$tmp/broken-tags"
  grep -vxF -f "$tmp/broken-tags" "$tmp/releases" >"$tmp/releases.ok" || true
  mv "$tmp/releases.ok" "$tmp/releases"
fi
n_broken=$(wc -l <"$tmp/broken-tags")
n_rel=$(wc -l <"$tmp/releases")
n_all=$(wc -l <"$tmp/all-tags")
[ "$n_rel" -gt 0 ] || die "no release tags in $repo"
# pick: N evenly spaced lines of a file (first and last included), all of them when it has no more than N
pick() {
  awk -v n="$1" '{ t[NR] = $0 } END {
    if (NR <= n) { for (i = 1; i <= NR; i++) print t[i]; exit }
    if (n == 1) { print t[NR]; exit }
    for (i = 0; i < n; i++) print t[int(i * (NR - 1) / (n - 1) + 0.5) + 1] }' "$2"
}
# When every release tag would be measured, hold the newest one back for (e): it is the "one more tag".
held=""
if [ "$n_rel" -le "$n_tags" ] && [ "$n_rel" -ge 2 ]; then
  held=$(tail -n 1 "$tmp/releases")
  head -n -1 "$tmp/releases" >"$tmp/tags"
else
  pick "$n_tags" "$tmp/releases" >"$tmp/tags"
fi
if [ -n "${REVS:-}" ]; then
  tr ',' '\n' <<<"$REVS" >"$tmp/tags"
  held=${EXTRA:-}
fi
mapfile -t tags <"$tmp/tags"
n=${#tags[@]}
if grep -q ',' "$tmp/tags"; then die "a selected tag contains a comma (cannot pass it to --revs)"; fi
revs=$(paste -sd, "$tmp/tags")
# the extra tag for (e): the newest release not selected, else any other tag, else HEAD
extra=${EXTRA:-${held:-$(grep -vxF -f "$tmp/tags" "$tmp/releases" | tail -n 1 || true)}}
[ -n "$extra" ] || extra=$(grep -vxF -f "$tmp/tags" "$tmp/all-tags" | grep -vxF -f "$tmp/broken-tags" | tail -n 1 || true)
[ -n "$extra" ] || extra=HEAD
pick "$CLOC_TAGS" "$tmp/tags" >"$tmp/cloc-tags"
mapfile -t cloc_tags <"$tmp/cloc-tags"
n_cloc=${#cloc_tags[@]}
note "$n of $n_rel release tags ($n_all tags in all): ${tags[*]}"
[ "$n_broken" = 0 ] || note "left out $n_broken tag(s) whose trees reference $(wc -l <"$tmp/missing") object(s) missing from the repository"

# ---- (a) oxmeter history on the N tags, cold ----
note "(a) oxmeter history, $n tags, cold store"
r=$(run_timed /dev/null "$tmp/a.err" "$OXMETER" history "$repo" ${OX_FLAGS:-} --revs "$revs" --store "$tmp/a.duckdb" -q -v)
t_a=$(wall_of "$r"); c_a=$(cpu_of "$r")
st_a=$(ox_stats "$tmp/a.err")

# ---- (b) the cloc loop ----
# shellcheck disable=SC2086
cloc_loop() {
  local t d
  for t in "${cloc_tags[@]}"; do
    d="$tmp/tree"
    rm -rf "$d"
    extract "$repo" "$t" "$d"
    cloc --quiet --csv $CLOC_FLAGS "$d" >/dev/null 2>>"$tmp/cloc.err"
  done
  rm -rf "$d"
}
note "(b) cloc loop, $n_cloc tags"
: >"$tmp/cloc.err"
r=$(run_timed /dev/null "$tmp/b.err" cloc_loop)
t_b_run=$(wall_of "$r"); c_b_run=$(cpu_of "$r")
t_b=$(awk -v t="$t_b_run" -v n="$n" -v k="$n_cloc" 'BEGIN { printf "%.3f", t * n / k }')
c_b=$(awk -v t="$c_b_run" -v n="$n" -v k="$n_cloc" 'BEGIN { printf "%.3f", t * n / k }')
cloc_errs=$(grep -c 'exceeded timeout' "$tmp/cloc.err" || true)

# ---- (c) the floor ----
floor() { blob_ids "$repo" "${tags[@]}" >"$tmp/ids" && read_blobs "$repo" "$tmp/ids"; }
note "(c) floor"
r=$(run_timed /dev/null "$tmp/c.err" floor)
t_c=$(wall_of "$r"); c_c=$(cpu_of "$r")
n_blobs=$(wc -l <"$tmp/ids")
r=$(run_timed /dev/null "$tmp/c.err" read_blobs "$repo" "$tmp/ids")
t_c_cat=$(wall_of "$r"); c_c_cat=$(cpu_of "$r")
r=$(run_timed /dev/null "$tmp/c.err" read_blobs2 "$repo" "$tmp/ids")
t_c2=$(wall_of "$r"); c_c2=$(cpu_of "$r")
mib=$(git -C "$repo" cat-file --batch-check='%(objectsize)' <"$tmp/ids" | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }')

# ---- (d) + (f) every tag, cold, under /usr/bin/time -v with a GC log ----
if [ "$SKIP_ALL" != 1 ]; then
  note "(d) oxmeter history, every tag, cold store"
  # every tag (--tags '*': oxmeter's default is the release tags); with broken tags, an explicit list of the others
  all_revs=(--tags '*')
  if [ "$n_broken" != 0 ]; then
    grep -q ',' "$tmp/all-tags" && die "a tag contains a comma (cannot pass it to --revs)"
    all_revs=(--revs "$(grep -vxF -f "$tmp/broken-tags" "$tmp/all-tags" | paste -sd,)")
  fi
  r=$(OXMETER_JAVA_EXTRA="${OXMETER_JAVA_EXTRA:-} -Xlog:gc:file=$tmp/gc.log" \
    run_timed /dev/null "$tmp/d.err" /usr/bin/time -v -o "$tmp/time-d" "$OXMETER" history "$repo" ${OX_FLAGS:-} ${all_revs[@]+"${all_revs[@]}"} \
    --store "$tmp/d.duckdb" -q -v)
  t_d=$(wall_of "$r"); c_d=$(cpu_of "$r")
  st_d=$(ox_stats "$tmp/d.err")
  rss_mib=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time-d")
  # peak heap: the largest "used before GC" and "committed" of the GC log (sizes like 123M->45M(456M))
  heap=$(grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)' "$tmp/gc.log" 2>/dev/null | awk '
    function mb(s, u) { u = substr(s, length(s)); s = substr(s, 1, length(s) - 1) + 0; return u == "G" ? s * 1024 : u == "K" ? s / 1024 : s }
    { split($0, a, /->|\(|\)/); if (mb(a[1]) > used) used = mb(a[1]); if (mb(a[3]) > comm) comm = mb(a[3]); n++ }
    END { if (n) printf "%.0f MiB used before GC at most, %.0f MiB committed at most (%d GCs)", used, comm, n; else print "no GC happened" }' || true)
  st_d_revs=$(ox_field "$st_d" "revisions?")
  note "(g) oxmeter history, every tag, warm store, $REPEAT times"
  r=$(timed_median "$REPEAT" "" /dev/null "$tmp/g.err" "$OXMETER" history "$repo" ${OX_FLAGS:-} \
    ${all_revs[@]+"${all_revs[@]}"} --store "$tmp/d.duckdb" -q -v)
  read -r t_g c_g lo_g hi_g <<<"$r"
  st_g=$(ox_stats "$tmp/g.err")
fi

# ---- (e) warm: the store of (a), plus one more tag ----
note "(e) oxmeter history, $n tags + $extra, warm store, $REPEAT times (each on a copy of the store of (a))"
r=$(timed_median "$REPEAT" "cp '$tmp/a.duckdb' '$tmp/e.duckdb'" /dev/null "$tmp/e.err" "$OXMETER" history "$repo" \
  ${OX_FLAGS:-} --revs "$revs,$extra" --store "$tmp/e.duckdb" -q -v)
read -r t_e c_e lo_e hi_e <<<"$r"
st_e=$(ox_stats "$tmp/e.err")

r=$(timed_median "$REPEAT" "" /dev/null "$tmp/err" "$OXMETER" --version)
read -r t_jvm c_jvm lo_jvm hi_jvm <<<"$r"

# ---- report ----
a_secs=$(ox_secs "$st_a"); e_secs=$(ox_secs "$st_e")
echo
echo "bench/history.sh  $(date -u '+%Y-%m-%d %H:%M UTC')  $(machine)"
echo "repo $repo: $n_all tags, $n_rel usable release tags; measured $n: ${tags[*]}"
[ -z "$held" ] || echo "  the repository has only $n_rel release tags: (a)-(c) measure all but the newest, $held, which (e) adds"
[ "$n_broken" = 0 ] || echo "  left out $n_broken tags whose trees reference objects missing from the repository (partial clone): $(paste -sd' ' "$tmp/broken-tags")"
echo "  union of their blobs: $n_blobs unique, $mib MiB"
echo "  (a) -v: ${st_a#oxmeter: }"
[ "$SKIP_ALL" = 1 ] || echo "  (d) -v: ${st_d#oxmeter: }"
echo "  (e) -v: ${st_e#oxmeter: }   (extra tag: $extra)"
[ "$cloc_errs" = 0 ] || echo "  cloc: $cloc_errs file(s) skipped after 'exceeded timeout' in the loop"
echo
row() { printf '%-58s %9s %9s\n' "$@"; }
row "step" "wall s" "cpu s"
row "JVM start-up (oxmeter --version), median of $REPEAT" "$t_jvm" "$c_jvm"
row "    lowest..highest wall" "$lo_jvm..$hi_jvm" ""
row "(a) oxmeter history, $n tags, cold" "$t_a" "$c_a"
row "    its own -v seconds" "$a_secs" ""
if [ "$n_cloc" -lt "$n" ]; then
  row "(b) cloc loop (archive | tar, cloc), $n_cloc tags measured" "$t_b_run" "$c_b_run"
  row "    extrapolated to $n tags" "$t_b" "$c_b"
else
  row "(b) cloc loop (archive | tar, cloc), $n tags" "$t_b" "$c_b"
fi
row "(c) floor: ls-tree -r x $n + cat-file --batch" "$t_c" "$c_c"
row "    cat-file --batch alone ($n_blobs blobs)" "$t_c_cat" "$c_c_cat"
row "    two cat-file --batch at once, half each" "$t_c2" "$c_c2"
if [ "$SKIP_ALL" != 1 ]; then
  row "(d) oxmeter history, every tag ($st_d_revs revisions), cold" "$t_d" "$c_d"
  row "    its own -v seconds" "$(ox_secs "$st_d")" ""
  row "(g) (d) again, warm, median of $REPEAT" "$t_g" "$c_g"
  row "    lowest..highest wall" "$lo_g..$hi_g" ""
  row "    its own -v seconds" "$(ox_secs "$st_g")" ""
fi
row "(e) warm: (a) + 1 tag, on the store of (a), median of $REPEAT" "$t_e" "$c_e"
row "    lowest..highest wall" "$lo_e..$hi_e" ""
row "    its own -v seconds" "$e_secs" ""
if [ "$SKIP_ALL" != 1 ]; then
  echo
  echo "(f) peak memory of (d): max RSS $rss_mib MiB; Java heap: $heap"
fi
echo
rrow() { printf '%-48s %8s %8s  %-6s %s\n' "$@"; }
rrow "ratio" "wall" "cpu" "target" "(on wall)"
r=$(ratio "$t_b" "$t_a"); rrow "cloc loop / oxmeter (a)" "$r" "$(ratio "$c_b" "$c_a")" ">= 80" "$(verdict "$r" '>=' 80)"
r=$(ratio "$t_a" "$t_c"); rrow "oxmeter (a) / floor" "$r" "$(ratio "$c_a" "$c_c")" "<= 3" "$(verdict "$r" '<=' 3)"
r=$(ratio "$a_secs" "$t_c"); rrow "oxmeter (a) own -v seconds / floor" "$r" "" "<= 3" "$(verdict "$r" '<=' 3)"
r=$(ratio "$t_a" "$t_c2"); rrow "oxmeter (a) whole command / two-process floor" "$r" "$(ratio "$c_a" "$c_c2")" "<= 2.5" "$(verdict "$r" '<=' 2.5)"
if [ "$SKIP_ALL" != 1 ]; then
  r=$(ratio "$t_d" "$t_a"); rrow "all tags (d) / $n tags (a)" "$r" "$(ratio "$c_d" "$c_a")" "<= 5" "$(verdict "$r" '<=' 5)"
fi
rrow "warm (e): own -v seconds" "$e_secs" "" "<= 0.5 s" "$(verdict "$e_secs" '<=' 0.5)"
r=$(awk -v a="$t_e" -v b="$t_jvm" 'BEGIN { printf "%.3f", a - b }')
rrow "warm (e): wall beyond JVM start-up" "$r" "" "<= 0.5 s" "$(verdict "$r" '<=' 0.5)"
if [ "$SKIP_ALL" != 1 ]; then
  r=$(awk -v a="$t_g" -v b="$t_jvm" 'BEGIN { printf "%.3f", a - b }')
  rrow "warm every tag (g): wall beyond JVM start-up" "$r" "" "<= 0.5 s" "$(verdict "$r" '<=' 0.5)"
fi
rrow "warm (e): wall seconds" "$t_e" "" "" ""
