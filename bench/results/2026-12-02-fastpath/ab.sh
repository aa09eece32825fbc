#!/usr/bin/env bash
# A/B: for N in sizes: scenario ifaces N (own prefix), then main/new alternately, 3 polls each
cd /work/wt/fastpath
for N in "$@"; do
  bench/scenario.sh --prefix nlbfp ifaces $N > /dev/null 2>&1
  echo "### ifaces $N: links $(ip -o link | wc -l), netns $(ip netns | wc -l), load $(cut -d' ' -f1 /proc/loadavg)"
  for round in 1 2; do for j in main new5; do
    echo "== $j round $round"; SETTLE=15 GAP=1 /tmp/fastpath/prof.sh /tmp/fastpath/$j.jar 3 2>&1 | grep -A1 "^poll"
  done; done
  bench/scenario.sh --prefix nlbfp down > /dev/null 2>&1
done
