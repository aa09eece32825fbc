import socket, struct, time, sys, collections
def dump(family, msgtype=18):
    s=socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); s.bind((0,0))
    req=struct.pack('=LHHLL', 16+16, msgtype, 0x301, 1, 0)+struct.pack('=BxHiII', family,0,0,0,0)
    s.send(req); out={}
    while True:
        d=s.recv(1<<20); off=0; done=False
        while off<len(d):
            ln,ty,fl,seq,pid=struct.unpack_from('=LHHLL',d,off)
            if ty==3: done=True; break
            if ty==2: raise SystemExit('err')
            idx=struct.unpack_from('=i',d,off+16+4)[0]
            out[idx]=d[off+16:off+ln]
            off+=(ln+3)&~3
        if done: break
    return out
def attrs(b, start):
    r={}; off=start
    while off+4<=len(b):
        ln,ty=struct.unpack_from('=HH',b,off)
        if ln<4: break
        r[ty&0x3fff]=b[off+4:off+ln]; off+=(ln+3)&~3
    return r
a=dump(socket.AF_INET6); time.sleep(float(sys.argv[1])); b=dump(socket.AF_INET6)
ch=collections.Counter(); n=0
for k in a:
    if k in b and a[k]!=b[k]:
        n+=1
        A=attrs(a[k],16); B=attrs(b[k],16)
        for t in set(A)|set(B):
            if A.get(t)!=B.get(t):
                if t==12: # IFLA_PROTINFO nested
                    pa=attrs(A[t],0); pb=attrs(B[t],0)
                    for u in set(pa)|set(pb):
                        if pa.get(u)!=pb.get(u): ch['PROTINFO.%d'%u]+=1
                else: ch[t]+=1
print(len(a),'links', n,'changed', dict(ch))
