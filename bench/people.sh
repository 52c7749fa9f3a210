#!/usr/bin/env bash
# Times `oxmeter people` on a cold and a warm store against `git log --numstat` over the same commits, in one run.
#
#   bench/people.sh REPO [TIMELINE] [LANG]
#
# TIMELINE is a git range A..B, a revision B (default: HEAD, i.e. all history), or timeline options in one word
# list such as '--every year' or "--tags v2.* --exclude-tags *-rc*". LANG is the language (default rust).
# oxmeter runs three times: cold (a fresh store: the one walk that reads and diffs every commit), warm (commit graph
# and facts from the store: no commit read) and --no-store (checks that the warm output is the fresh one). To tell
# new contributors from old ones, oxmeter reads everything reachable from the windows' ends (history before the
# first window included), so git is timed on that same set (`git log --numstat` of every end) and, for a range, on
# A..B alone. Rename detection is on in both (git's default). Targets: cold <= 2x git, warm <= 3 s.
# The machine load (uptime) is printed with the figures: on a shared machine they vary with it; CPU seconds (user +
# system, GNU time at /usr/bin/time) vary much less.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="${1:?usage: bench/people.sh REPO [A..B | B | '--every year' | '--tags GLOB ...'] [LANG]}"
timeline="${2:-HEAD}"
lang="${3:-rust}"
work="$(mktemp -d)"
store="$work/people-bench.duckdb"
trap 'rm -rf "$work"' EXIT

if [[ "$timeline" == --* ]]; then
  read -r -a opt <<<"$timeline"
  ends=(HEAD)          # every timeline sample is on HEAD's history, or a tag: git logs all of them below
  if [[ "$timeline" == *--tags* ]]; then
    ends=()            # the tags matching the --tags globs (excluded ones too: a superset, as far as git goes)
    for ((i = 0; i < ${#opt[@]}; i++)); do
      if [[ "${opt[$i]}" == --tags ]]; then mapfile -t -O "${#ends[@]}" ends < <(git -C "$repo" tag -l "${opt[$((i + 1))]}"); fi
    done
  fi
  range_desc="$timeline"
elif [[ "$timeline" == *..* ]]; then
  opt=(--range "$timeline"); ends=("${timeline##*..}"); range_desc="$timeline"
else
  opt=(--range "..$timeline"); ends=("$timeline"); range_desc="..$timeline"
fi

"$here/oxmeter" --version >/dev/null   # build the jar first, outside the timings
all=$(git -C "$repo" rev-list --count "${ends[@]}")
echo "repository: $repo   windows: $range_desc ($all commits reachable from the windows' ends)   language: $lang"
echo "load: $(uptime | sed 's/.*load average: //')"

# t CMD...: wall seconds of CMD; its CPU seconds (user + system, all processes) go to $work/cpu.
t() {
  local s e
  s=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null
  e=$(date +%s.%N)
  awk '{ printf "%.2f", $1 + $2 }' "$work/time" >"$work/cpu"
  echo "$e - $s" | bc
}
cpu() { cat "$work/cpu"; }
people=("$here/oxmeter" people "$repo" "${opt[@]}" --lang "$lang" -q --format csv)

git_all_s=$(t git -C "$repo" log --numstat --format='%H %aE' "${ends[@]}"); git_all_c=$(cpu)
if [[ "$timeline" == *..* ]]; then
  git_s=$(t git -C "$repo" log --numstat --format='%H %aE' "$timeline")
fi
cold_s=$(t "${people[@]}" --store "$store" -o "$work/cold.csv"); cold_c=$(cpu)
warm_s=$(t "${people[@]}" --store "$store" -o "$work/warm.csv"); warm_c=$(cpu)
"${people[@]}" --no-store -o "$work/fresh.csv"
echo "load: $(uptime | sed 's/.*load average: //')"

printf '%-44s %8.2f s   cpu %8.2f s\n' "git log --numstat (all ${#ends[@]} end(s))" "$git_all_s" "$git_all_c"
if [[ -n "${git_s:-}" ]]; then
  printf '%-44s %8.2f s\n' "git log --numstat $timeline" "$git_s"
fi
printf '%-44s %8.2f s   cpu %8.2f s   %.2fx git wall (target <= 2)\n' "oxmeter people (cold store)" \
  "$cold_s" "$cold_c" "$(echo "$cold_s / $git_all_s" | bc -l)"
printf '%-44s %8.2f s   cpu %8.2f s   (target <= 3 s wall)\n' "oxmeter people (warm store)" "$warm_s" "$warm_c"
if cmp -s "$work/warm.csv" "$work/fresh.csv" && cmp -s "$work/cold.csv" "$work/fresh.csv"; then
  echo "outputs: cold = warm = --no-store"
else
  echo "outputs DIFFER between cold, warm and --no-store runs" >&2
  exit 1
fi
