#!/bin/bash
# usage: ab.sh OUT ROUNDS POLLS jarA jarB ...: interleaved starts, gap.sh each
OUT=$1; R=$2; P=$3; shift 3
port=16300
for i in $(seq $R); do for j in "$@"; do
  port=$((port+1))
  echo "== $(basename $j) start $i $(date +%H:%M:%S)" >> $OUT
  NS=nlbk1 CONF=/tmp/m/k1000.conf bash /work/main/bench/results/2026-12-03-spaced/gap.sh $j $port $P 7 >> $OUT 2>&1
done; done
echo DONE >> $OUT
