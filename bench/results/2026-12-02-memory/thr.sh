#!/bin/bash
pid=$1
for t in /proc/$pid/task/*; do n=$(tr ' ' '_' < $t/comm); s=$(cut -d' ' -f1 $t/schedstat); echo "$n $s"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort
