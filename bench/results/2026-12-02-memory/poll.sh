#!/bin/bash
port=$1; NS=${NS:-}
for s in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do $NS $PIN snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$port $s; done | wc -l
