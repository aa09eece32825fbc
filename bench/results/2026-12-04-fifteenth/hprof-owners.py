import struct, sys, collections, mmap
f = open(sys.argv[1], 'rb'); m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
p = m.find(b'\0') + 1
idsz = struct.unpack_from('>I', m, p)[0]; p += 4 + 8
assert idsz == 8
strings = {}; cname = {}; cls = {}  # class id -> (super, [(name,type)])
inst = {}  # obj id -> (class id, offset, len)
prims = {}  # id -> (type, bytes)
objarr = {} # id -> (offset, n, elemclass)
TS = {2:8, 4:1, 5:2, 6:4, 7:8, 8:1, 9:2, 10:4, 11:8}
N = len(m)
def rid(o): return struct.unpack_from('>Q', m, o)[0]
while p < N:
    tag = m[p]; ln = struct.unpack_from('>I', m, p+5)[0]; body = p + 9; end = body + ln
    if tag == 1:
        strings[rid(body)] = m[body+8:end].decode('utf8', 'replace')
    elif tag == 2:
        cname[rid(body+4)] = rid(body+16)
    elif tag in (0x0c, 0x1c):
        q = body
        while q < end:
            st = m[q]; q += 1
            if st == 0xff: q += 8
            elif st in (1,): q += 16
            elif st in (2,3): q += 16
            elif st == 4: q += 12
            elif st in (5,7): q += 8
            elif st == 6: q += 12
            elif st == 8: q += 16
            elif st == 0x20:
                cid = rid(q); sup = rid(q+12); q += 8+4+8*6+4
                ncp = struct.unpack_from('>H', m, q)[0]; q += 2
                for _ in range(ncp):
                    t = m[q+2]; q += 3 + (idsz if t == 2 else TS[t])
                ns = struct.unpack_from('>H', m, q)[0]; q += 2
                for _ in range(ns):
                    t = m[q+8]; q += 9 + (idsz if t == 2 else TS[t])
                nf = struct.unpack_from('>H', m, q)[0]; q += 2
                fl = []
                for _ in range(nf):
                    fl.append((rid(q), m[q+8])); q += 9
                cls[cid] = (sup, fl)
            elif st == 0x21:
                oid = rid(q); cid = rid(q+12); n = struct.unpack_from('>I', m, q+20)[0]
                inst[oid] = (cid, q+24, n); q += 24 + n
            elif st == 0x22:
                oid = rid(q); n = struct.unpack_from('>I', m, q+12)[0]; ec = rid(q+16)
                objarr[oid] = (q+24, n, ec); q += 24 + n*8
            elif st == 0x23:
                oid = rid(q); n = struct.unpack_from('>I', m, q+12)[0]; t = m[q+16]
                prims[oid] = (t, 16 + ((n*TS[t] + 7)//8)*8 if True else 0); q += 17 + n*TS[t]
            else:
                raise Exception('subtag %x at %d' % (st, q))
    p = end
def name(cid): return strings.get(cname.get(cid, 0), '?%x' % cid)
layout = {}
def lay(cid):
    if cid in layout: return layout[cid]
    out = []; c = cid
    while c and c in cls:
        sup, fl = cls[c]
        out.extend((strings.get(fn, '?'), t, name(c)) for fn, t in fl); c = sup
    layout[cid] = out; return out
want = {'I': 10, 'J': 11, 'B': 8}[sys.argv[2]]
owner = collections.Counter(); cnt = collections.Counter()
seen = set()
for oid, (cid, off, n) in inst.items():
    o = off
    for fn, t, decl in lay(cid):
        if t == 2:
            r = rid(o)
            if r in prims and prims[r][0] == want and r not in seen:
                seen.add(r); k = name(cid) + '.' + fn; owner[k] += prims[r][1]; cnt[k] += 1
            o += 8
        else: o += TS[t]
for oid, (off, n, ec) in objarr.items():
    for i in range(n):
        r = rid(off + 8*i)
        if r in prims and prims[r][0] == want and r not in seen:
            seen.add(r); k = '[] of ' + name(ec); owner[k] += prims[r][1]; cnt[k] += 1
tot = sum(v[1] for v in prims.values() if v[0] == want)
print('total', tot, 'attributed', sum(owner.values()))
for k, v in owner.most_common(30): print('%10d %7d %s' % (v, cnt[k], k))
