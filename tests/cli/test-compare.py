#!/usr/bin/env python3
# test-compare.py — --norm and --reference from the command line: batch norm at batch 1 is
# refused with one line (exit 2), --reference errors name --reference, a comparison export
# draws both configs (pixels of the bars' and of the reference's colours) and its CSV has
# both configs' rows behind a config column; without --reference the CSV has no such column.
import os, struct, subprocess, sys, tempfile, zlib

exe = sys.argv[1]
BARS = (0x35, 0x84, 0xe4)        # the light style's bars
REFERENCE = (0x86, 0x5e, 0x3c)   # the light style's reference_color
n = 0

def ok(cond, what):
    global n
    n += 1
    print(("ok %d " if cond else "not ok %d ") % n + what)
    if not cond:
        sys.exit(1)

def run(*args):
    return subprocess.run([exe, *args], capture_output=True, text=True)

def pixels(path):
    data = open(path, 'rb').read()
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            bpp = {2: 3, 6: 4}[ctype]
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw, stride, prev, seen = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set()
    for y in range(h):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pred = [0, a, b, (a + b) // 2,
                    a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c)
                    else b if abs(p - b) <= abs(p - c) else c][f]
            row[i] = (row[i] + pred) & 0xff
        for x in range(0, stride, bpp):
            seen.add(tuple(row[x:x + 3]))
        prev = row
    return seen

with tempfile.TemporaryDirectory() as d:
    r = run('--export', os.path.join(d, 'a.csv'), '--norm', 'batch', '--batch', '1')
    ok(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and '--norm' in r.stderr
       and '--batch' in r.stderr, 'batch norm at batch 1: exit 2, one line naming both flags')
    for bad in ['--init nope', '--init "x', '--export x.png', 'stray', '--depth 0']:
        r = run('--export', os.path.join(d, 'a.png'), '--reference', bad)
        ok(r.returncode == 2 and r.stderr.count('\n') == 1 and '--reference' in r.stderr,
           'a bad --reference %r: exit 2, one line naming --reference' % bad)

    png, csv = os.path.join(d, 'c.png'), os.path.join(d, 'c.csv')
    r = run('--export', png, '--stats', csv, '--depth', '4', '--width', '100', '--batch', '200',
            '--init', 'kaiming', '--activation', 'relu', '--reference', '--init xavier',
            '--size', '800x500')
    ok(r.returncode == 0, 'a comparison export: exit 0 (%s)' % r.stderr.strip())
    seen = pixels(png)
    ok(BARS in seen, 'the current bars are drawn')
    ok(REFERENCE in seen, 'the reference is drawn')
    rows = open(csv).read().splitlines()
    ok(rows[0].startswith('config,layer,mean,std,'), 'the CSV leads with a config column')
    ok(sum(r.startswith('current,') for r in rows) == 4 and
       sum(r.startswith('reference,') for r in rows) == 4, 'the CSV has both configs\' rows')
    cur = [r.split(',')[3] for r in rows if r.startswith('current,')]
    ref = [r.split(',')[3] for r in rows if r.startswith('reference,')]
    ok(cur != ref, 'the two configs\' stds differ')

    plain = os.path.join(d, 'p.csv')
    r = run('--export', plain, '--depth', '4', '--width', '100', '--batch', '200',
            '--init', 'kaiming', '--activation', 'relu')
    lines = open(plain).read().splitlines()
    ok(lines[0].startswith('layer,') and
       [l.split(',', 1)[1] for l in rows[1:5]] == lines[1:5],
       'without --reference the CSV is the current rows alone, without the column')
print('1..%d' % n)
