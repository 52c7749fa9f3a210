# shellcheck shell=bash
# Helpers shared by bench/scan.sh and bench/history.sh (sourced, not run).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OXMETER=${OXMETER:-$BENCH_DIR/../oxmeter}

die() { echo "$(basename "$0"): $*" >&2; exit 2; }
note() { echo "$(basename "$0"): $*" >&2; }

need() {
  local c
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || die "'$c' not found on PATH"; done
}

# check_repo REPO: a git repository (bare or not); prints nothing.
check_repo() {
  [ -d "$1" ] || die "no such directory: $1"
  git -C "$1" rev-parse --git-dir >/dev/null 2>&1 || die "not a git repository: $1"
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# ratio A B -> A/B with 2 decimals, or n/a
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
# mul A B -> A*B
mul() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a * b }'; }
median() {
  printf '%s\n' "$@" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# verdict VALUE OP LIMIT -> "met" / "MISSED" (OP is <= , < or >=)
verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "n/a") { print "n/a"; exit }
    ok = (op == "<=") ? (v <= l) : (op == "<") ? (v < l) : (v >= l)
    print ok ? "met" : "MISSED" }'
}

# children_cpu FILE: user + system seconds of the finished children of the current shell (bash `times`, second
# line). `times` must run in the shell that waited for the children, hence the file instead of $(times).
children_cpu() {
  times >"$1"
  tail -n 1 "$1" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } printf "%.3f", s }'
}

# run_timed OUT ERR CMD...: runs CMD (a command or a shell function) with stdout > OUT and stderr > ERR and prints
# "WALL CPU": its wall-clock seconds and the user + system CPU seconds of all its processes. Call it in a
# command substitution (r=$(run_timed ...)) and split with wall_of / cpu_of. On failure it shows ERR and fails.
run_timed() {
  local out=$1 err=$2 t0 t1 c0 c1; shift 2
  children_cpu "$err.times" >"$err.cpu0"
  t0=$(now)
  if ! "$@" >"$out" 2>"$err"; then
    echo "$(basename "$0"): command failed: $*" >&2
    tail -n 20 "$err" >&2
    return 1
  fi
  t1=$(now)
  children_cpu "$err.times" >"$err.cpu1"
  c0=$(cat "$err.cpu0"); c1=$(cat "$err.cpu1")
  echo "$(secs "$t0" "$t1") $(secs "$c0" "$c1")"
}
# timed_median N PREP OUT ERR CMD... : runs CMD N times, the shell command PREP before each (may be empty), and
# prints "median-wall median-cpu lowest-wall highest-wall" in seconds. Short runs vary by a tenth of a second from
# one run to the next on a shared machine: the median of several is what a row compares.
timed_median() {
  local n=$1 prep=$2 out=$3 err=$4 i r walls="" cpus=""
  shift 4
  for ((i = 0; i < n; i++)); do
    if [ -n "$prep" ]; then eval "$prep"; fi
    r=$(run_timed "$out" "$err" "$@") || return 1
    walls="$walls $(wall_of "$r")"
    cpus="$cpus $(cpu_of "$r")"
  done
  local mc
  mc=$(printf '%s\n' $cpus | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  printf '%s\n' $walls | sort -g | awk -v c="$mc" '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)], c, a[1], a[NR] }'
}
wall_of() { echo "${1% *}"; }
cpu_of() { echo "${1#* }"; }

# oxmeter's -v summary line ("oxmeter: 1 revision, 509 file entries, ..., 0.31 s") from a stderr file.
ox_stats() { grep -E '^oxmeter: .*revisions?,' "$1" | tail -n 1 || true; }
# ox_field STATS 'unique blobs read' -> the number before that label (n/a when absent)
ox_field() {
  local v
  v=$(printf '%s\n' "$1" | grep -oE "[0-9][0-9,]* $2" | head -n 1 | awk '{ gsub(",", "", $1); print $1 }')
  echo "${v:-n/a}"
}
# ox_secs STATS -> oxmeter's own seconds (the trailing "N.NN s")
ox_secs() {
  local v
  v=$(printf '%s\n' "$1" | grep -oE '[0-9]+(\.[0-9]+)? s( in all)?$' | awk '{ print $1 }')
  echo "${v:-n/a}"
}

# Build the jar now (the launcher builds on first use) so no build lands inside a timed run.
ensure_oxmeter() {
  [ -x "$OXMETER" ] || die "oxmeter launcher not found: $OXMETER (set OXMETER=...)"
  "$OXMETER" --version >/dev/null || die "'$OXMETER --version' failed"
}

# blob_ids REPO REV...: unique ids of the blob entries (files and symlinks; not submodules) of the revisions.
blob_ids() {
  local repo=$1 r; shift
  for r in "$@"; do git -C "$repo" ls-tree -r "$r"; done | awk '$2 == "blob" { print $3 }' | sort -u
}

# read_blobs REPO IDSFILE: the floor, every blob's content through one `git cat-file --batch`.
read_blobs() { git -C "$1" cat-file --batch <"$2" >/dev/null; }

# read_blobs2 REPO IDSFILE: the two-process floor, the ids in halves through two `git cat-file --batch` at once
# (oxmeter reads with two workers on two cores).
read_blobs2() {
  local n; n=$(wc -l <"$2")
  head -n $(((n + 1) / 2)) "$2" | git -C "$1" cat-file --batch >/dev/null &
  tail -n +$(((n + 1) / 2 + 1)) "$2" | git -C "$1" cat-file --batch >/dev/null
  wait
}

# extract REPO REV DIR: the tree of REV as files in DIR (DIR is created).
extract() { mkdir -p "$3" && git -C "$1" archive "$2" | tar -x -C "$3"; }

# machine description for the reports
machine() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  echo "$(nproc) cores${cpu:+ ($cpu)}, load $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -n 1)"
}
