#!/bin/bash
# usage: abgc.sh ROUNDS POLLS JAR_A JAR_B: alternating starts; per start: poll CPU and GCs after the warm-up
R=$1; P=$2; A=$3; B=$4; port=16500
for r in $(seq $R); do for tag in A B; do
  jar=$A; [[ $tag == B ]] && jar=$B; port=$((port+1))
  out=$(NS=nlst1 CONF=/tmp/m/k1000.conf bash /work/main/bench/results/2026-12-03-spaced/gap.sh $jar $port $P 7 -Xlog:gc:file=/tmp/m/ab/gc$port.log 2>&1)
  first=$(echo "$out" | grep -o '^\[jvm [0-9.]*' | head -1 | tr -dc '0-9.')
  totals=$(echo "$out" | grep -o 'total [0-9.]*' | awk '{print $2}' | tr '\n' ' ')
  med=$(echo "$out" | grep -o 'total [0-9.]*' | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  gc=$(awk -v f=$first '{t=substr($1,2)+0} t>=f' /tmp/m/ab/gc$port.log | awk '/Pause Young/{y++; split($0,a,"->"); sub(/\(.*/,"",a[2]); last=a[2]; if (!firstafter) firstafter=a[2]} /Pause Full/{f++; fm+=$NF+0} END {printf "young %d full %d (%.0f ms) heap after young: %s .. %s", y, f, fm, firstafter, last}')
  echo "$tag $jar: polls ms [$totals] median $med | $gc"
done; done
