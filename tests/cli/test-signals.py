#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-signals.py [EXE]: SIGINT, SIGTERM and SIGHUP while `initscope --export` writes its files
# leave no temporary file and the previous targets untouched; the exit status is 128 + the
# signal, and SIGINT prints one line. SIGKILL cannot be caught: the file it leaves has the
# documented name, .initscope-XXXXXX.tmp, beside the target.
#
# The signal is sent once a temporary file is seen in the folder (a 10000 x 10000 PNG takes a
# while to draw and write), so nothing depends on timing; a run that ends before any temporary
# file was seen fails the test rather than passing it.

import os
import re
import signal
import subprocess
import sys
import tempfile

EXE = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("INITSCOPE")
TEMP_NAME = re.compile(r"^\.initscope-[A-Za-z0-9]{6}\.tmp$")
SMALL = ["--depth", "2", "--width", "8", "--batch", "8"]

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def temp_files(folder):
    return sorted(n for n in os.listdir(folder) if TEMP_NAME.match(n))


def interrupt(folder, args, signum, n_temp=1):
    """Starts initscope, waits for @n_temp temporary files, sends @signum; returns the process
    and its stderr, or None when it finished before they appeared."""
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
    proc = subprocess.Popen([EXE] + args, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = False
    while proc.poll() is None and not seen:
        seen = len(temp_files(folder)) >= n_temp
    if seen:
        proc.send_signal(signum)
    err = proc.communicate(timeout=300)[1].decode("utf-8", "replace")
    return (proc, err) if seen else None


def case(signum, both):
    name = "%s%s" % (signal.Signals(signum).name, " --export + --stats" if both else "")
    with tempfile.TemporaryDirectory(prefix="initscope-signals-") as folder:
        png = os.path.join(folder, "big.png")
        csv = os.path.join(folder, "big.csv")
        for path in (png, csv):
            with open(path, "w") as f:
                f.write("previous")
        args = SMALL + ["--size", "10000x10000"]
        args += ["--export", png] + (["--stats", csv] if both else [])
        # with both: the CSV's temporary file is complete while the PNG's is being written
        got = interrupt(folder, args, signum, 2 if both else 1)
        if got is None:
            check(name, False, "finished before a temporary file was seen")
            return
        proc, err = got
        check(name + ": exit status 128 + signal", proc.returncode == 128 + signum,
              "exit status %d" % proc.returncode)
        lines = err.splitlines()
        if signum == signal.SIGINT:
            check(name + ": one line on stderr", len(lines) == 1 and "interrupted" in err, err)
        else:
            check(name + ": nothing on stderr", err == "", err)
        check(name + ": no file left", sorted(os.listdir(folder)) == ["big.csv", "big.png"],
              " ".join(sorted(os.listdir(folder))))
        for path in (png, csv):
            with open(path) as f:
                check(name + ": %s untouched" % os.path.basename(path), f.read() == "previous")


def sigkill_case():
    name = "SIGKILL leaves a recognisable name"
    with tempfile.TemporaryDirectory(prefix="initscope-signals-") as folder:
        png = os.path.join(folder, "n" * 251 + ".png")  # a 255-byte name: the temp name fits
        got = interrupt(folder, SMALL + ["--size", "10000x10000", "--export", png],
                        signal.SIGKILL)
        if got is None:
            check(name, False, "finished before a temporary file was seen")
            return
        proc, _ = got
        left = os.listdir(folder)
        check(name, proc.returncode == -signal.SIGKILL and len(left) == 1 and
              TEMP_NAME.match(left[0]) is not None, " ".join(left))


def rollback_case(csv_existed):
    """The second rename fails (its target became a folder while the process was stopped,
    before any rename): the first target is put back, or removed if it is new."""
    name = "a failed second rename %s the first target" % (
        "puts back" if csv_existed else "removes")
    with tempfile.TemporaryDirectory(prefix="initscope-signals-") as folder:
        png = os.path.join(folder, "big.png")
        csv = os.path.join(folder, "big.csv")
        if csv_existed:
            with open(csv, "w") as f:
                f.write("previous")
        with open(png, "w") as f:
            f.write("previous")
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
        proc = subprocess.Popen([EXE] + SMALL + ["--size", "10000x10000", "--export", png,
                                                 "--stats", csv],
                                env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None and len(temp_files(folder)) < 2:
            pass
        proc.send_signal(signal.SIGSTOP)
        # stopped with both files written or being written and nothing renamed yet?
        early = len(temp_files(folder)) == 2 and open(png).read() == "previous"
        if early:
            os.unlink(png)
            os.mkdir(png)
        proc.send_signal(signal.SIGCONT)
        err = proc.communicate(timeout=300)[1].decode("utf-8", "replace")
        if not early:
            check(name, False, "not stopped before the renames")
            return
        left = sorted(os.listdir(folder))
        check(name + ": exit status 1", proc.returncode == 1, "exit status %d" % proc.returncode)
        check(name + ": one line naming the figure",
              len(err.splitlines()) == 1 and "big.png" in err, err)
        check(name + ": no file left",
              left == (["big.csv", "big.png"] if csv_existed else ["big.png"]), " ".join(left))
        if csv_existed:
            with open(csv) as f:
                check(name + ": big.csv is the previous one", f.read() == "previous")


def main():
    if not EXE or not os.access(EXE, os.X_OK):
        print("Bail out! no initscope executable (pass it or set INITSCOPE)")
        return 1
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        case(signum, False)
    case(signal.SIGINT, True)
    case(signal.SIGTERM, True)
    sigkill_case()
    rollback_case(True)
    rollback_case(False)
    print("1..%d" % len(results))
    for n, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
        if not ok and detail:
            for line in detail.splitlines():
                print("#   " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
