#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# fuzz-cli.py [EXE]: a bounded random-argument fuzzer for `initscope --export`.
#
# A fixed seed, a few hundred runs of small shapes (width and batch <= 64, depth <= 50), flags
# from the real flag set with valid, boundary, invalid and hostile values (NaN, huge, non-ASCII,
# empty, same-file outputs, unwritable folders), in the C and C.UTF-8 locales. A run fails on:
# an exit status other than 0, 1 or 2; death by a signal; a sanitizer report on stderr; more
# than 3 lines on stderr; a file left in its folder that it was not asked to write (temporary
# files!); on failure, a previous target changed or a new one written.
#
# Environment: INITSCOPE (the executable, unless given), INITSCOPE_FUZZ_SEED (default 8),
# INITSCOPE_FUZZ_RUNS (default 300), INITSCOPE_FUZZ_JOBS (default 2), and
# INITSCOPE_FUZZ_SKIP_COLLAPSE=1 to leave out the configs whose activations collapse below
# ~1e-25 with relu or linear (they crashed the histogram code before issue 8's engine fix).
# Prints a TAP plan, one line a run, and a tally.

import concurrent.futures
import math
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile

EXE = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("INITSCOPE")
SEED = int(os.environ.get("INITSCOPE_FUZZ_SEED", "8"))
RUNS = int(os.environ.get("INITSCOPE_FUZZ_RUNS", "300"))
JOBS = int(os.environ.get("INITSCOPE_FUZZ_JOBS", "2"))
SKIP_COLLAPSE = os.environ.get("INITSCOPE_FUZZ_SKIP_COLLAPSE", "") not in ("", "0")

SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
                       r"runtime error:|MemorySanitizer|ThreadSanitizer")
TEMP_NAME = re.compile(r"^\.initscope-[A-Za-z0-9]{6}\.tmp$")

HOSTILE = ["", " ", "nan", "NaN", "inf", "-inf", "0x10", "1e999", "-1", "-0", "+0",
           "18446744073709551616", "99999999999999999999999", "1e-400", "4.9e-324", "١٢",
           "가우시안", "200×150", "σ", "\u00a0", "1,5", "1.5.", "--depth", "%s%n", "\\",
           "x" * 300, " 3", "3 ", "0.", ".0", "1e", "e5", "0b11", "3\n4"]

NUMBERS = {
    # flag: (valid range, boundary and valid values)
    "--depth": ["1", "2", "3", "7", "10", "15", "16", "30", "50", "0", "51"],
    "--width": ["1", "2", "8", "17", "64", "0", "8193"],
    "--batch": ["1", "2", "8", "33", "64", "0", "8193"],
    "--seed": ["0", "1", "42", "18446744073709551615", "00042"],
    "--bins": ["2", "3", "50", "1000", "1", "1001"],
    "--scale": ["0", "1e-38", "1e-30", "2.2250738585072014e-308", "0.0001", "0.001", "0.01",
                "0.05", "0.5", "1", "1.0", "10", "100", "100.0", "100.000001", "-0.0", "1E-3"],
}
NAMES = {
    "--init": ["zero", "gaussian", "xavier", "glorot", "kaiming", "XAVIER", "he", "normal"],
    "--activation": ["tanh", "relu", "sigmoid", "linear", "ReLU", "softmax", "gelu"],
    "--preset": ["cs231n-2016", "cs231n-2019", "CS231N-2016", "cs231n-2017",
                 "cs231n-2016:large"],
    "--size": ["100x100", "160x120", "320x200", "100X100", "99x100", "100x10001", "100x",
               "x100", "100x100x100", "200×150", "0x0", "1e2x100"],
}
# how many of the first values of NAMES' lists are valid
VALID_NAMES = {"--init": 5, "--activation": 4, "--preset": 2, "--size": 4}
EXTENSIONS = [".png", ".svg", ".pdf", ".csv", ".PNG"]
BAD_EXTENSIONS = [".bmp", "", ".png/", ".tmp"]


def pick_value(rng, flag):
    roll = rng.random()
    if roll < 0.06:
        return rng.choice(HOSTILE)
    if flag in NUMBERS:
        return rng.choice(NUMBERS[flag])
    if roll < 0.75:
        return NAMES[flag][rng.randrange(VALID_NAMES[flag])]
    return rng.choice(NAMES[flag])


def pick_name(rng, ext):
    roll = rng.random()
    if roll < 0.05:
        return "n" * (255 - len(ext)) + ext  # a 255-byte name
    if roll < 0.1:
        return "é-ü-가" + ext
    if roll < 0.13:
        return " lead" + ext
    return rng.choice(["fig", "out", "a", "stats", "x.y"]) + ext


class Case:
    def __init__(self, index, rng, root):
        self.index = index
        self.dir = os.path.join(root, "run%03d" % index)
        os.mkdir(self.dir)
        self.args = []
        self.targets = []     # paths the run was asked to write
        self.previous = {}    # target -> contents before the run
        self.restore = []     # folders to make writable again
        self.locale = rng.choice(["C", "C.UTF-8", "C.UTF-8"])
        self.shape = {}
        self._outputs(rng)
        self._flags(rng)
        rng.shuffle(self.pairs)
        for pair in self.pairs:
            self.args += pair

    def _output_path(self, rng, ext):
        roll = rng.random()
        if roll < 0.04:
            return "/proc/initscope-fuzz" + ext          # not writable, even for root
        if roll < 0.08:
            return os.path.join(self.dir, "missing", "f" + ext)
        if roll < 0.11:
            sub = os.path.join(self.dir, "ro")
            os.makedirs(sub, exist_ok=True)
            os.chmod(sub, 0o555)                     # not writable (unless root)
            self.restore.append(sub)
            return os.path.join(sub, "f" + ext)
        if roll < 0.14 and not ext.endswith("/"):
            real = os.path.join(self.dir, "real" + ext)
            link = os.path.join(self.dir, "link" + ext)
            if not os.path.lexists(link):
                os.symlink("real" + ext, link)
            self.targets.append(real)
            return link
        path = os.path.join(self.dir, pick_name(rng, ext))
        if rng.random() < 0.25:
            try:
                with open(path, "w") as f:
                    f.write("previous")
                self.previous[os.path.normpath(path)] = "previous"
            except OSError:
                pass
        return path

    def _outputs(self, rng):
        self.pairs = []
        ext = rng.choice(EXTENSIONS if rng.random() < 0.9 else BAD_EXTENSIONS)
        figure = self._output_path(rng, ext)
        self.pairs.append(["--export", figure])
        self.targets.append(figure)
        roll = rng.random()
        if roll < 0.3:
            stats = self._output_path(rng, ".csv")
        elif roll < 0.4:
            # the same file, by another name
            stats = rng.choice([figure, os.path.join(os.path.dirname(figure), ".",
                                                     os.path.basename(figure))])
        elif roll < 0.42:
            stats = ""
        else:
            return
        self.pairs.append(["--stats", stats])
        self.targets.append(stats)

    def _flags(self, rng):
        flags = list(NUMBERS) + list(NAMES)
        for flag in rng.sample(flags, rng.randint(0, 6)):
            value = pick_value(rng, flag)
            if flag in NUMBERS and rng.random() < 0.5:
                value = NUMBERS[flag][rng.randrange(min(5, len(NUMBERS[flag])))]  # valid
            self.shape[flag] = value
            self.pairs.append([flag, value])
        # small shapes: a valid width or batch never above 64
        for flag in ("--width", "--batch"):
            if flag not in self.shape or self.shape[flag] in ("8193",):
                value = str(rng.choice([1, 2, 8, 16, 33, 64]))
                if flag in self.shape:
                    self.pairs = [p for p in self.pairs if p[0] != flag]
                self.shape[flag] = value
                self.pairs.append([flag, value])
        # small figures too, mostly: the default 1920x1080 costs a drawing and a PNG each run
        if "--size" not in self.shape and rng.random() < 0.85:
            self.pairs.append(["--size", rng.choice(["100x100", "160x120", "240x160"])])
        if rng.random() < 0.05:
            self.pairs.append([rng.choice(["--nope", "-x", "stray", "--export", "--version",
                                           "-h", "--help-all"])])

    def collapses(self):
        """Whether the activations may fall below ~1e-25 with relu or linear."""
        def number(flag, default):
            try:
                value = float(self.shape.get(flag, default))
                return value if math.isfinite(value) else default
            except ValueError:
                return default
        preset = self.shape.get("--preset", "").lower()
        depth_default = 6 if preset.startswith("cs231n-2019") else 10
        activation = self.shape.get("--activation", "tanh").lower()
        init = self.shape.get("--init", "gaussian").lower()
        if activation not in ("relu", "linear") or init != "gaussian":
            return activation in ("relu", "linear") and number("--depth", depth_default) > 15
        width = max(number("--width", 64), 1)
        factor = number("--scale", 0.01) * math.sqrt(width / (2 if activation == "relu" else 1))
        depth = number("--depth", depth_default)
        return depth > 15 or factor == 0 or depth * math.log10(max(factor, 1e-300)) < -25


def listing(folder):
    found = set()
    for base, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
            found.add(os.path.join(base, name))
    return found


def check(case, proc):
    problems = []
    status = proc.returncode
    err = proc.stderr.decode("utf-8", "replace")
    if status < 0:
        problems.append("killed by signal %d" % -status)
    elif status not in (0, 1, 2):
        problems.append("exit status %d" % status)
    if SANITIZER.search(err):
        problems.append("sanitizer report")
    if err.count("\n") > 3:
        problems.append("%d lines on stderr" % err.count("\n"))
    left = listing(case.dir)
    targets = {os.path.normpath(t) for t in case.targets if t}
    allowed = targets | set(case.previous)
    allowed |= {os.path.join(case.dir, "link" + e) for e in EXTENSIONS}
    for path in sorted(left - allowed):
        kind = "temporary file" if TEMP_NAME.match(os.path.basename(path)) else "file"
        problems.append("%s left behind: %s" % (kind, os.path.relpath(path, case.dir)))
    if status != 0:
        for path in targets:
            if path in case.previous:
                with open(path, "rb") as f:
                    if f.read() != case.previous[path].encode():
                        problems.append("previous %s changed" % os.path.basename(path))
            elif path and os.path.lexists(path) and os.path.isfile(path):
                problems.append("failed but wrote %s" % os.path.basename(path))
    return problems, err


def run(case):
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL", "LANG"):
        env.pop(name, None)
    env["LC_ALL"] = case.locale
    proc = subprocess.run([EXE] + case.args, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    for folder in case.restore:
        os.chmod(folder, 0o755)
    return case, proc


def main():
    if not EXE or not os.access(EXE, os.X_OK):
        print("Bail out! no initscope executable (pass it or set INITSCOPE)")
        return 1
    root = tempfile.mkdtemp(prefix="initscope-fuzz-")
    try:
        return fuzz(root)
    finally:
        for base, dirs, _ in os.walk(root):
            for d in dirs:
                os.chmod(os.path.join(base, d), 0o755)
        shutil.rmtree(root, ignore_errors=True)


def fuzz(root):
    rng = random.Random(SEED)
    cases = [Case(i, rng, root) for i in range(RUNS)]
    skipped = [c for c in cases if SKIP_COLLAPSE and c.collapses()]
    cases = [c for c in cases if c not in skipped]
    tally = {0: 0, 1: 0, 2: 0}
    failures = 0
    print("1..%d" % len(cases))
    with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
        for n, (case, proc) in enumerate(pool.map(run, cases), 1):
            problems, err = check(case, proc)
            if proc.returncode in tally:
                tally[proc.returncode] += 1
            shown = " ".join(repr(a) if not a or not a.isprintable() or " " in a else a
                             for a in case.args)
            if problems:
                failures += 1
                print("not ok %d - LC_ALL=%s initscope %s: %s" %
                      (n, case.locale, shown, "; ".join(problems)))
                for line in err.splitlines()[:20]:
                    print("#   " + line)
            else:
                print("ok %d - exit %d" % (n, proc.returncode))
    print("# seed %d: %d runs: %d exit 0, %d exit 1, %d exit 2, %d failed; "
          "%d collapsing configs skipped" % (SEED, len(cases), tally[0], tally[1], tally[2],
                                             failures, len(skipped)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
