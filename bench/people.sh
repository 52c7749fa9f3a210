#!/usr/bin/env bash
# Times `oxmeter people` on a cold store against `git log --numstat` over the same commits.
#
#   bench/people.sh REPO [RANGE] [LANG]
#
# RANGE is a git range A..B or a revision B (default: HEAD, i.e. all history), LANG the language (default rust).
# oxmeter runs twice: cold (a fresh store: the one walk that reads and diffs every commit) and warm (facts from
# the store). To tell new contributors from old ones, oxmeter reads everything reachable from B (history before A
# included), so git is timed on that same set (`git log --numstat B`) and, for reference, on A..B alone.
# Rename detection is on in both (git's default).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="${1:?usage: bench/people.sh REPO [RANGE] [LANG]}"
range="${2:-HEAD}"
lang="${3:-rust}"
store="$(mktemp -d)/people-bench.duckdb"
trap 'rm -rf "$(dirname "$store")"' EXIT

if [[ "$range" == *..* ]]; then opt=(--range "$range"); else opt=(--range "..$range"); fi

"$here/oxmeter" --version >/dev/null   # build the jar first, outside the timings
end="${range##*..}"
commits=$(git -C "$repo" rev-list --count "$range")
all=$(git -C "$repo" rev-list --count "$end")
echo "repository: $repo   range: $range ($commits commits; $all reachable from $end)   language: $lang"

t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }

git_all_s=$(t git -C "$repo" log --numstat --format='%H %aE' "$end")
git_s=$(t git -C "$repo" log --numstat --format='%H %aE' "$range")
cold_s=$(t "$here/oxmeter" people "$repo" "${opt[@]}" --lang "$lang" --store "$store" -q --format csv)
warm_s=$(t "$here/oxmeter" people "$repo" "${opt[@]}" --lang "$lang" --store "$store" -q --format csv)

printf '%-40s %8.2f s\n' "git log --numstat $end" "$git_all_s"
printf '%-40s %8.2f s\n' "git log --numstat $range" "$git_s"
printf '%-40s %8.2f s\n' "oxmeter people (cold store)" "$cold_s"
printf '%-40s %8.2f s\n' "oxmeter people (warm store)" "$warm_s"
