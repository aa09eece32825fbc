#!/usr/bin/env python3
# Compilations in a window of a -XX:+LogCompilation log, longest first, and the time per tier (first-polls.sh).
# usage: compiles.py LOG.xml FROM_S TO_S [N]
import re,sys
xml=open(sys.argv[1],errors='replace').read()
lo=float(sys.argv[2]); hi=float(sys.argv[3])
# tasks: <task compile_id='..' [compile_kind='osr'] method='..' bytes='..' count='..' ... level='4'? stamp='..'> ... <task_done ... stamp='..'/>
rows=[]
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done([^>]*)/>", xml, re.S):
    a=dict(re.findall(r"(\w+)='([^']*)'", m.group(1)))
    d=dict(re.findall(r"(\w+)='([^']*)'", m.group(3)))
    s=float(a['stamp']); e=float(d['stamp'])
    lvl=a.get('level','4')
    if e>=lo and s<=hi:
        rows.append((e-s, s, lvl, a.get('compile_kind',''), a['method'], d.get('nmsize','')))
tot={}
for r in rows: tot[r[2]]=tot.get(r[2],0)+r[0]
print("window",lo,hi,"tasks",len(rows),{k:round(v*1000) for k,v in tot.items()})
for r in sorted(rows,reverse=True)[:int(sys.argv[4]) if len(sys.argv)>4 else 15]:
    print("%6.1fms @%.3f L%s %s %s nm=%s"%(r[0]*1000,r[1],r[2],r[3],r[4],r[5]))
