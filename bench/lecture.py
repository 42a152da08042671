#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Initscope authors
#
# The CS231n lecture's own numpy + matplotlib experiment (lecture 5, 2016;
# lecture 7, 2019), kept as the lecture wrote it so the benchmark compares
# against what students actually run: float64 throughout (np.random.randn's
# default), every layer's activations kept in a dict, np.mean/np.std per
# layer, then the lecture's figure -- mean and std against the layer, and one
# histogram per layer -- saved to a 1920x1080 PNG through the Agg backend.
#
# The only additions are the command-line arguments, so that the benchmark can
# run the same configuration as `initscope --export`, and an optional
# per-phase timing line on stderr (--timings) to see where the time goes.
#
# --fast is what a careful student writes today instead (issue 15's honest
# reference): numpy's Generator (np.random.default_rng, PCG64 and its
# ziggurat) drawing float32 directly, scaled in place, and float32 products and
# tanh throughout; the same statistics and the same figure.

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


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--preset', choices=sorted(PRESETS), default='cs231n-2016')
    p.add_argument('--depth', type=int)
    p.add_argument('--width', type=int)
    p.add_argument('--batch', type=int)
    p.add_argument('--init', default='gaussian',
                   choices=['zero', 'gaussian', 'xavier', 'glorot', 'kaiming'])
    p.add_argument('--scale', type=float, default=0.01)
    p.add_argument('--activation', default='tanh',
                   choices=['tanh', 'relu', 'sigmoid', 'linear'])
    p.add_argument('--bins', type=int, default=30)  # the lecture's plt.hist(H.ravel(), 30, ...)
    p.add_argument('--seed', type=int)
    p.add_argument('--dpi', type=int, default=100)
    p.add_argument('--out', default='lecture.png')
    p.add_argument('--quiet', action='store_true', help="don't print the per-layer lines")
    p.add_argument('--timings', action='store_true', help='phase times on stderr')
    p.add_argument('--fast', action='store_true',
                   help='the fastest idiomatic numpy: default_rng, float32 throughout')
    return p.parse_args()


args = parse_args()
depth, width, batch = PRESETS[args.preset]
depth = args.depth or depth
width = args.width or width
batch = args.batch or batch
if args.seed is not None:
    np.random.seed(args.seed)
rng = np.random.default_rng(args.seed)


def randn(rows, cols):
    if args.fast:
        return rng.standard_normal((rows, cols), dtype=np.float32)
    return np.random.randn(rows, cols)


# ---- the lecture's code from here on (2016 slides, generalised to the args) ----

D = randn(batch, width)
hidden_layer_sizes = [width] * depth
nonlinearities = [args.activation] * len(hidden_layer_sizes)

act = {'relu': lambda x: np.maximum(0, x),
       'tanh': lambda x: np.tanh(x),
       'sigmoid': lambda x: 1 / (1 + np.exp(-x)),
       'linear': lambda x: x}


def weights(fan_in, fan_out):
    if args.init == 'zero':
        return np.zeros((fan_in, fan_out), dtype=np.float32 if args.fast else np.float64)
    scale = {'gaussian': args.scale,
             'xavier': 1 / np.sqrt(fan_in),
             'glorot': np.sqrt(2.0 / (fan_in + fan_out))}.get(args.init,
                                                               1 / np.sqrt(fan_in / 2))  # kaiming
    if args.fast:
        W = randn(fan_in, fan_out)
        W *= np.float32(scale)  # in place: no second 64 MiB array
        return W
    return randn(fan_in, fan_out) * scale


Hs = {}
for i in range(len(hidden_layer_sizes)):
    X = D if i == 0 else Hs[i - 1]
    fan_in = X.shape[1]
    fan_out = hidden_layer_sizes[i]
    W = weights(fan_in, fan_out)
    H = np.dot(X, W)
    H = act[nonlinearities[i]](H)
    Hs[i] = H

layer_means = [np.mean(H) for i, H in Hs.items()]
layer_stds = [np.std(H) for i, H in Hs.items()]
if not args.quiet:
    print('input layer had mean %f and std %f' % (np.mean(D), np.std(D)))
    for i, H in Hs.items():
        print('hidden layer %d had mean %f and std %f' % (i + 1, layer_means[i], layer_stds[i]))

T_COMPUTE = time.perf_counter()

# The lecture shows two figures; the app shows them as one, so do the same.
hist_range = {'tanh': (-1, 1), 'sigmoid': (0, 1)}.get(args.activation)
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

T_PLOT = time.perf_counter()
plt.savefig(args.out, dpi=args.dpi)
T_SAVE = time.perf_counter()

if args.timings:
    print('lecture.py phases (s): import %.3f compute %.3f plot %.3f savefig %.3f total %.3f'
          % (T_IMPORT - T0, T_COMPUTE - T_IMPORT, T_PLOT - T_COMPUTE, T_SAVE - T_PLOT,
             T_SAVE - T0), file=sys.stderr)
