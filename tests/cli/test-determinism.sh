#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Initscope authors
#
# The same bytes whatever the thread count: initscope's CSV (and PNG) for a
# config must not change with OPENBLAS_NUM_THREADS (or the other variables
# OpenBLAS reads: GOTO_NUM_THREADS, OMP_NUM_THREADS) nor with the cores the
# process may use (taskset -c 0 against every core). initscope itself reads
# no thread-count variable. Before the engine cut products into fixed tiles,
# OPENBLAS_NUM_THREADS=1 changed every statistic of the first config in the
# 9th digit.
#
# Usage: INITSCOPE=path/to/initscope test-determinism.sh

set -eu

exe=${INITSCOPE:?INITSCOPE must name the initscope executable}
for tool in taskset cmp; do
  command -v "$tool" >/dev/null || { echo "test-determinism: $tool is missing" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n_cpus=$(nproc)
failed=0

# every variant of one config against the first, which runs on every core
check_config () {
  label=$1
  shift
  variant=0
  while read -r how; do
    variant=$((variant + 1))
    out="$tmp/$label-$variant"
    # shellcheck disable=SC2086  # $how is a command prefix, split on purpose
    if ! $how "$exe" "$@" --export "$out.png" --size 400x300 --stats "$out.csv"; then
      echo "not ok: $label: '$how' failed" >&2
      failed=1
      continue
    fi
    if [ "$variant" -gt 1 ]; then
      for ext in csv png; do
        if cmp -s "$tmp/$label-1.$ext" "$out.$ext"; then
          echo "ok: $label: $ext identical under '$how'"
        else
          echo "not ok: $label: $ext differs under '$how' from '$first'" >&2
          failed=1
        fi
      done
    else
      first=$how
    fi
  done <<VARIANTS
env
env OPENBLAS_NUM_THREADS=1
env OPENBLAS_NUM_THREADS=2
env GOTO_NUM_THREADS=1 OMP_NUM_THREADS=1
taskset -c 0
taskset -c 0 env OPENBLAS_NUM_THREADS=2
VARIANTS
}

echo "# $n_cpus CPU(s) available"
[ "$n_cpus" -ge 2 ] || echo "# only one CPU: taskset -c 0 is every core here" >&2

# the issue's: tiles of rows and columns, relu's two-pass histograms
check_config kaiming-relu --init kaiming --activation relu --width 300 --batch 200 --seed 42 \
  --depth 8
# cs231n-2019's shape, smaller: fewer rows than a tile, columns only
check_config xavier-tanh --init xavier --activation tanh --width 1000 --batch 16 --seed 7 \
  --depth 4

exit $failed
