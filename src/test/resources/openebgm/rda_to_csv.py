# Converts openEBGM 0.9.1's data/caers.rda (CRAN package openEBGM, github.com/cran/openEBGM, sha256
# aebec612e4e17defb54808064a2cec9300b061891f51de69f652b29f3ae43133) to caers.csv (id,var1,var2,strat1), read by
# OpenEbgmCaersTest and OpenEbgmServiceTest as caers.csv.gz. The data: FDA CFSAN CAERS 2012 dietary-supplement
# reports (public domain). Usage: python3 rda_to_csv.py caers.rda > caers.csv; gzip -9 caers.csv
import bz2, struct, sys, csv
data = bz2.decompress(open(sys.argv[1],'rb').read())
assert data[:5] == b'RDX2\n' or data[:5] == b'RDX3\n', data[:5]
pos = 5
fmt = data[pos:pos+2]; pos += 2  # 'X\n'
assert fmt == b'X\n'
def i32():
    global pos; v = struct.unpack('>i', data[pos:pos+4])[0]; pos += 4; return v
version = i32(); writer = i32(); minver = i32()
if version == 3:
    n = i32(); pos += n  # native encoding
refs = []
NILVALUE=254; REFSXP=255; GLOBALENV=253; EMPTYENV=242; BASEENV=241; MISSINGARG=251; UNBOUNDVALUE=252; BASENAMESPACE=247
def item():
    global pos
    flags = i32()
    t = flags & 0xff
    has_attr = flags & (1<<9); has_tag = flags & (1<<10); is_obj = flags & (1<<8)
    if t == NILVALUE: return None
    if t in (GLOBALENV, EMPTYENV, BASEENV, MISSINGARG, UNBOUNDVALUE, BASENAMESPACE): return ('special', t)
    if t == REFSXP:
        return refs[(flags >> 8) - 1]
    if t == 1:  # SYMSXP
        s = item(); refs.append(s); return s
    if t in (2,):  # LISTSXP pairlist
        attr = item() if has_attr else None
        tag = item() if has_tag else None
        car = item(); cdr = item()
        out = [(tag, car)]
        if isinstance(cdr, list): out += cdr
        return out
    if t == 9:  # CHARSXP
        n = i32()
        if n == -1: return None
        s = data[pos:pos+n].decode('utf-8', 'replace'); pos += n; return s
    if t in (10, 13):  # LGL, INT
        n = i32(); v = list(struct.unpack('>%di' % n, data[pos:pos+4*n])); pos += 4*n
        attr = item() if has_attr else None
        return ('vec', v, attr)
    if t == 14:
        n = i32(); v = list(struct.unpack('>%dd' % n, data[pos:pos+8*n])); pos += 8*n
        attr = item() if has_attr else None
        return ('vec', v, attr)
    if t in (16, 19):  # STRSXP, VECSXP
        n = i32(); v = [item() for _ in range(n)]
        attr = item() if has_attr else None
        return ('vec', v, attr)
    raise Exception('type %d at %d' % (t, pos))
top = item()
name, df = top[0]
_, cols, attr = df
attrs = dict(attr)
names = attrs['names'][1]
print(name, names, [len(c[1]) for c in cols], file=sys.stderr)
def values(c):
    _, v, a = c
    a = dict(a) if a else {}
    if 'levels' in a:
        lv = a['levels'][1]
        return [None if x == -2**31 else lv[x-1] for x in v]
    return v
vals = [values(c) for c in cols]
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(names)
for row in zip(*vals):
    w.writerow(row)
