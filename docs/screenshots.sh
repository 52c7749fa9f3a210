#!/usr/bin/env bash
# Builds `oxmeter report` (default options) for each repository given and takes full-page screenshots of it in
# headless Chromium at 1280 and 390 px wide, to look at the page as a reader would on a laptop and on a phone.
#
#   docs/screenshots.sh OUTDIR REPO...
#   docs/screenshots.sh /tmp/shots ~/src/git ~/src/fish-shell ~/src/m1n1
#
# Writes OUTDIR/NAME.html, OUTDIR/NAME-1280.png and OUTDIR/NAME-390.png per repository, with NAME the title
# oxmeter gives the repository, and a store per repository in OUTDIR (warm on a second run). Prints each page's size.
# Needs /usr/bin/chromium (or $CHROMIUM).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 2 ]; then
  echo "usage: $0 OUTDIR REPO..." >&2
  exit 2
fi
out="$1"
shift
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "$0: $chromium not found (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

shoot() { # PAGE WIDTH HEIGHT PNG [extra chromium options]
  local page="$1" width="$2" height="$3" png="$4"
  shift 4
  timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --user-data-dir="$profile" --window-size="$width,$height" "$@" --screenshot="$png" "file://$page" \
    >/dev/null 2>&1
}

height() { # PAGE WIDTH: the page's full height at that width
  local page="$1" width="$2" probe="$out/.probe.html"
  sed 's|</body>|<script>document.body.setAttribute("data-h", document.documentElement.scrollHeight)</script></body>|' \
    "$page" >"$probe"
  timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --user-data-dir="$profile" --window-size="$width,1000" --dump-dom "file://$probe" 2>/dev/null \
    | grep -o 'data-h="[0-9]*"' | head -1 | tr -dc 0-9
  rm -f "$probe"
}

for repo in "$@"; do
  name="$(basename "$(cd "$repo" && pwd)")"
  [ "$name" = repo ] || [ "$name" = .git ] && name="$(basename "$(cd "$repo/.." && pwd)")"
  name="${name%.git}"
  page="$out/$name.html"
  echo "== $repo -> $page" >&2
  start=$(date +%s)
  "$here/oxmeter" report "$repo" --store "$out/$name.duckdb" -q --out "$page"
  echo "   report: $(( $(date +%s) - start )) s, $(wc -c <"$page") bytes" >&2
  for width in 1280 390; do
    h="$(height "$page" "$width")"
    [ -n "$h" ] || h=6000
    shoot "$page" "$width" "$h" "$out/$name-$width.png"
    echo "   $name-$width.png: ${width}x$h" >&2
  done
done
