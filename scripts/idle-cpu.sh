#!/usr/bin/env bash
# Measures the designer's CPU use while its window is open and untouched.
# Usage: scripts/idle-cpu.sh [seconds] [org.json]   (needs Xvfb: apt-get install -y xvfb)
# Starts a private Xvfb display, runs the release build on the built-in sample org (or on the
# given file) with a fresh home folder, waits for start-up, then reads the process' CPU time over
# the window.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
file="${2:-}"
[ -n "$file" ] && file="$(realpath "$file")"
cargo build --release --quiet
display=":$(( 90 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
home="$(mktemp -d)"
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$home"' EXIT
sleep 1
DISPLAY="$display" HOME="$home" XDG_DATA_HOME="$home/data" "${CARGO_TARGET_DIR:-target}/release/orgscale" ${file:+"$file"} >/dev/null 2>&1 &
app=$!
sleep "${STARTUP:-5}"
tick=$(getconf CLK_TCK)
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$app/stat")
sleep "$secs"
read -r u2 s2 < <(awk '{print $14, $15}' "/proc/$app/stat")
used=$(( (u2 - u1) + (s2 - s1) ))
awk -v t="$used" -v hz="$tick" -v s="$secs" 'BEGIN {
  printf "idle for %d s: %.2f CPU-seconds = %.2f%% of one core\n", s, t / hz, 100 * t / hz / s }'
