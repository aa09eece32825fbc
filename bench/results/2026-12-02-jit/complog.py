import re,sys
s=open('/tmp/exp/comp.log').read()
marks=[l.split() for l in open('/tmp/exp/marks.txt')]
# JVM start ~ T0: PrintCompilation stamps are seconds since VM start
polls=[(int(m[1]), float(m[3])/1000) for m in marks if m[2]=='start']
tasks=[]
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*)>(.*?)<task_done ([^>]*)/>", s, re.S):
    a=dict(re.findall(r"(\w+)='([^']*)'", m.group(1)))
    d=dict(re.findall(r"(\w+)='([^']*)'", m.group(4)))
    st=float(a['stamp']); en=float(d['stamp'])
    tasks.append((st,en-st,a.get('level','4'),a['method'].split(' ')[0]+'.'+a['method'].split(' ')[1],d.get('nmsize',''),a.get('compile_kind','')))
start=polls[0][1]-0.5
print('before first poll: compile s', round(sum(t[1] for t in tasks if t[0]<start),2))
for i,(n,ps) in enumerate(polls):
    pe = polls[i+1][1] if i+1<len(polls) else 1e9
    sel=[t for t in tasks if ps-0.2<=t[0]<pe-0.2]
    print('POLL',n,'compile s %.3f'%sum(t[1] for t in sel), 'tasks', len(sel))
    for t in sorted(sel,key=lambda t:-t[1])[:int(sys.argv[1]) if len(sys.argv)>1 else 12]:
        print('   %.3f %.3f L%s %s %s %s'%t)
