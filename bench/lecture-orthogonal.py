#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Initscope authors
#
# Issue 12's benchmark, the numpy side: bench/lecture.py's experiment and figure (the lecture's
# code, float64, every layer kept, the 2x2 + histograms figure through Agg) with orthogonal
# weights as PyTorch's orthogonal_ makes them -- Q of np.linalg.qr of a Gaussian matrix, each
# column's sign that of R's diagonal -- which is what `initscope --init orthogonal` does.

import argparse
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

T_IMPORT = time.perf_counter()

PRESETS = {
    'cs231n-2016': (10, 500, 1000),  # depth, width, batch
    'cs231n-2019': (6, 4096, 16),
}

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--preset', choices=sorted(PRESETS), default='cs231n-2019')
p.add_argument('--activation', default='tanh', choices=['tanh', 'relu', 'linear'])
p.add_argument('--bins', type=int, default=30)
p.add_argument('--seed', type=int)
p.add_argument('--dpi', type=int, default=100)
p.add_argument('--out', default='lecture-orthogonal.png')
p.add_argument('--timings', action='store_true', help='phase times on stderr')
args = p.parse_args()
depth, width, batch = PRESETS[args.preset]
if args.seed is not None:
    np.random.seed(args.seed)

act = {'relu': lambda x: np.maximum(0, x), 'tanh': np.tanh, 'linear': lambda x: x}


def orthogonal(fan_in, fan_out):
    q, r = np.linalg.qr(np.random.randn(fan_in, fan_out))
    return q * np.sign(np.diag(r))


D = np.random.randn(batch, width)
Hs = {}
T_QR = 0.0
for i in range(depth):
    X = D if i == 0 else Hs[i - 1]
    t = time.perf_counter()
    W = orthogonal(X.shape[1], width)
    T_QR += time.perf_counter() - t
    Hs[i] = act[args.activation](np.dot(X, W))

layer_means = [np.mean(H) for H in Hs.values()]
layer_stds = [np.std(H) for H in Hs.values()]
T_COMPUTE = time.perf_counter()

hist_range = {'tanh': (-1, 1)}.get(args.activation)
fig = plt.figure(figsize=(1920 / args.dpi, 1080 / args.dpi), dpi=args.dpi)
plt.subplot(2, 2, 1)
plt.plot(list(Hs.keys()), layer_means, 'ob-')
plt.title('layer mean')
plt.subplot(2, 2, 2)
plt.plot(list(Hs.keys()), layer_stds, 'or-')
plt.title('layer std')
for i, H in Hs.items():
    plt.subplot(2, len(Hs), len(Hs) + i + 1)
    plt.hist(H.ravel(), args.bins, range=hist_range)
    plt.title('layer %d' % (i + 1))
plt.savefig(args.out, dpi=args.dpi)
T_SAVE = time.perf_counter()

if args.timings:
    print('lecture-orthogonal.py phases (s): import %.3f compute %.3f (qr %.3f) figure %.3f '
          'total %.3f' % (T_IMPORT - T0, T_COMPUTE - T_IMPORT, T_QR, T_SAVE - T_COMPUTE,
                          T_SAVE - T0), file=sys.stderr)
