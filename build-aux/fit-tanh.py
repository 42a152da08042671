#!/usr/bin/python3
# fit-tanh.py — derives the rational tanh in src/engine/isc-math.c
#
# Copyright 2026 The Initscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tanh(x) ≈ x·P(t)/Q(t), t = x², P(0) = Q(0) = 1 (so tiny x give x exactly),
# minimax in relative error over (0, C] by Loeb's iteration: each step solves
# the linearised problem max |P − g·Q| / (g·Q_previous) → min as a linear
# programme (scipy's HiGHS), g = tanh(x)/x. Past C = 9.1, tanh rounds to 1 in
# float, so the kernel clamps its argument there.
#
# Usage: build-aux/fit-tanh.py [N_P N_Q [C]]   (Debian: python3-numpy, python3-scipy)
# Prints the approximation's own maximum relative error (the float
# evaluation adds its rounding on top; tests/engine measures the whole) and
# the coefficients in t, lowest first.

import sys

import numpy as np
from scipy.optimize import linprog

n_p = int(sys.argv[1]) if len(sys.argv) > 1 else 7
n_q = int(sys.argv[2]) if len(sys.argv) > 2 else 4
c = float(sys.argv[3]) if len(sys.argv) > 3 else 9.1

x = np.unique(np.concatenate([np.linspace(1e-4, c, 6000),
                              c * np.sin(np.linspace(0, np.pi / 2, 2000))]))
x = x[x > 0]
s = (x / c) ** 2          # t scaled to [0, 1] for a well-conditioned fit
g = np.tanh(x) / x
q_prev = np.ones_like(s)

for step in range(12):
    # 1e6: keeps the error variable far above HiGHS's 1e-7 tolerances
    w = 1e6 / (g * q_prev)
    m = np.stack([s ** k * w for k in range(1, n_p)] +
                 [-g * s ** k * w for k in range(1, n_q)], axis=1)
    b = (1 - g) * w
    n_v = m.shape[1]
    ones = np.ones((len(s), 1))
    res = linprog(np.r_[np.zeros(n_v), 1.0],
                  A_ub=np.vstack([np.hstack([m, -ones]), np.hstack([-m, -ones])]),
                  b_ub=np.r_[-b, b],
                  bounds=[(None, None)] * n_v + [(0, None)], method="highs")
    if res.status != 0:
        sys.exit(f"fit-tanh: the linear programme failed: {res.message}")
    p = np.r_[1.0, res.x[:n_p - 1]]
    q = np.r_[1.0, res.x[n_p - 1:n_v]]
    q_prev = np.polyval(q[::-1], s)

err = np.max(np.abs(np.polyval(p[::-1], s) / q_prev / g - 1))
print(f"max relative error of the approximation: {err:.3g}")
p_t = p / (c * c) ** np.arange(n_p)
q_t = q / (c * c) ** np.arange(n_q)
print("P:", ", ".join(f"{v:.17g}" for v in p_t))
print("Q:", ", ".join(f"{v:.17g}" for v in q_t))
