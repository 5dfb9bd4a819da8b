#!/usr/bin/env bash
# Regenerates the README's toy tables from `sdmgrad-explorer train` (text format, end line only).
# Usage: assets/toy/reproduce.sh [path/to/sdmgrad-explorer]   (default: .build/release/sdmgrad-explorer)
set -euo pipefail
BIN=${1:-.build/release/sdmgrad-explorer}
METHODS="mean mgda pcgrad cagrad sdmgrad-toy sdmgrad"
STARTS="-8.5,7.5 -8.5,-5 9,9"

# One cell: the end point after the last update, tagged from where it is: "opt" near the average-loss optimum
# (x2 in [-8.8, -8], |x1| < 0.15), "Pareto" elsewhere on the Pareto set (x2 in [-8.8, -8], |x1| <= 7.1),
# "stuck" in the upper half (x2 > 0, the log valleys of f1, f2), "moving" anywhere else (still on its way).
cell() {
    "$BIN" train "$@" --format text --every 100000000 | tail -1 | awk '{
        x1 = $6; x2 = $7; gsub(/[(),]/, "", x1); gsub(/[(),]/, "", x2); x1 += 0; x2 += 0
        if (x1 > -0.005 && x1 < 0.005) x1 = 0
        if (x2 > -0.005 && x2 < 0.005) x2 = 0
        ax1 = x1 < 0 ? -x1 : x1
        if (x2 >= -8.8 && x2 <= -8 && ax1 < 0.15) tag = "opt"
        else if (x2 >= -8.8 && x2 <= -8 && ax1 <= 7.1) tag = "Pareto"
        else if (x2 > 0) tag = "stuck"
        else tag = "moving"
        printf "(%.2f, %.2f) %s", x1, x2, tag
    }'
}

echo "#### CAGrad's setting: noise 0, lr 0.001, 100000 steps"
echo
echo "| method | from (-8.5, 7.5) | from (-8.5, -5) | from (9, 9) |"
echo "|---|---|---|---|"
for m in $METHODS; do
    row="| \`$m\` |"
    for s in $STARTS; do row="$row $(cell --method "$m" --start="$s" --noise 0 --lr 0.001 --steps 100000) |"; done
    echo "$row"
done
echo
echo "#### The official SDMGrad setting: noise 0.2, lr 0.002, 70000 steps, seeds 1 to 5"
echo
echo "| method | start | seed 1 | seed 2 | seed 3 | seed 4 | seed 5 |"
echo "|---|---|---|---|---|---|---|"
for m in $METHODS; do
    for s in $STARTS; do
        row="| \`$m\` | ($s) |"
        for seed in 1 2 3 4 5; do row="$row $(cell --method "$m" --start="$s" --seed "$seed") |"; done
        echo "$row"
    done
done
echo
echo "#### lambda sweep: noise 0, lr 0.001, 100000 steps (|x1| <= 7/(1+lambda) is the reachable part of the set)"
echo
echo "| lambda | 7/(1+lambda) | \`sdmgrad-toy\` from (-8.5, 7.5) | (-8.5, -5) | (9, 9) | \`sdmgrad\` from (-8.5, 7.5) | (-8.5, -5) | (9, 9) |"
echo "|---|---|---|---|---|---|---|---|"
for l in 0 0.01 0.1 0.3 0.5 1 3 10 100; do
    row="| $l | $(awk -v l="$l" 'BEGIN { printf "%.2f", 7 / (1 + l) }') |"
    for m in sdmgrad-toy sdmgrad; do
        for s in $STARTS; do row="$row $(cell --method "$m" --lambda "$l" --start="$s" --noise 0 --lr 0.001 --steps 100000) |"; done
    done
    echo "$row"
done
