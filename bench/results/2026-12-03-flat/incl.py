import collections, sys
samples=open(sys.argv[1]).read().split('\n\n')
tot=0; build=0; incl=collections.Counter(); selfc=collections.Counter()
for s in samples:
    lines=[l.strip() for l in s.strip().split('\n') if l.strip()]
    if not lines: continue
    syms=[l.split(' ',1)[1] if ' ' in l else l for l in lines]
    tot+=1
    if any('LazyPartsView$Slot.view' in x for x in syms): build+=1; continue
    for x in set(syms): incl[x[:110]]+=1
    selfc[syms[0][:110]]+=1
print('samples', tot, 'of which view builds', build, '(%.1f%%)'%(100*build/tot))
print('# inclusive, view-build samples left out (%% of all samples)')
for k,v in incl.most_common(300):
    if 'nlagent' in k or 'sun.nio' in k or k.startswith('Interpreter') or 'clone' in k.lower() or k in ('__libc_sendto','__libc_recvfrom'):
        if v/tot>=0.004: print('%5.1f%% %s'%(100*v/tot,k))
print('# self, top 25')
for k,v in selfc.most_common(25): print('%5.1f%% %s'%(100*v/tot,k))
