#!/usr/bin/env python3
# usage: alloc-summary.py FILE.json POLLS FIRST_POLL_SECOND: a `jfr print --json --events jdk.ObjectAllocationSample`
# output of a gap.sh run; sums the sampled weights from FIRST_POLL_SECOND (seconds of the day, UTC) on, per poll,
# by thread and by (thread, first two nlagent frames, class). Sampled weights: per site they are estimates (one
# sample can carry a TLAB's worth); the totals per thread are what the comparison rests on.
import json, sys, collections
d = json.load(open(sys.argv[1])); polls = int(sys.argv[2]); first = int(sys.argv[3])
def sec(s): h, m, x = s[11:19].split(':'); return int(h) * 3600 + int(m) * 60 + int(x)
ev = [e for e in d['recording']['events'] if sec(e['values']['startTime']) >= first]
byt = collections.Counter(); byf = collections.Counter()
for e in ev:
    v = e['values']; w = v['weight']
    th = (v.get('eventThread') or {}).get('javaName', '?'); byt[th] += w
    fr = v['stackTrace']['frames'] if v.get('stackTrace') else []
    nl = [f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name'] for f in fr
          if f['method']['type']['name'].startswith('nlagent')]
    byf[(th, nl[0] if nl else '-', nl[1] if len(nl) > 1 else '-', v['objectClass']['name'])] += w
print('MB per poll: %.2f' % (sum(byt.values()) / polls / 1e6))
for k, v in byt.most_common(5): print('  %-16s %.2f' % (k, v / polls / 1e6))
print('largest sites, MB per poll:')
for k, v in byf.most_common(25): print('  %.3f %s' % (v / polls / 1e6, ' | '.join(k)))
