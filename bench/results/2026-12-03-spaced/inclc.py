import collections, sys
text=open(sys.argv[1]).read()
want=sys.argv[2]
tot=collections.Counter(); incl=collections.Counter(); selfc=collections.Counter(); n=0
for s in text.split('\n\n'):
    lines=[l.strip() for l in s.strip().split('\n') if l.strip()]
    if not lines: continue
    comm=lines[0].split()[0]
    tot[comm]+=1
    if not comm.startswith(want): continue
    n+=1
    syms=[l.split(' ',1)[1] if ' ' in l else l for l in lines[1:]]
    for x in set(syms): incl[x[:120]]+=1
    if syms: selfc[syms[0][:120]]+=1
print('samples by comm', tot.most_common(12))
print('# inclusive', want, n)
lim=float(sys.argv[3]) if len(sys.argv)>3 else 0.01
for k,v in incl.most_common(400):
    if v/n>=lim: print('%5.1f%% %s'%(100*v/n,k))
print('# self top 30')
for k,v in selfc.most_common(30): print('%5.1f%% %s'%(100*v/n,k))
