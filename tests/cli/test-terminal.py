#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-terminal.py [EXE]: with stderr on a terminal (a pseudo-terminal here), a run shows
# "layer k of N, elapsed t s", rewritten in place with \r, and clears it at the end; the
# figure is written as without a terminal.

import os
import pty
import re
import subprocess
import sys
import tempfile

EXE = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("INITSCOPE")


def main():
    if not EXE or not os.access(EXE, os.X_OK):
        print("Bail out! no initscope executable (pass it or set INITSCOPE)")
        return 1
    results = []
    with tempfile.TemporaryDirectory(prefix="initscope-terminal-") as folder:
        csv = os.path.join(folder, "p.csv")
        master, slave = pty.openpty()
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
        proc = subprocess.Popen([EXE, "--depth", "12", "--width", "32", "--batch", "32",
                                 "--export", csv], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the other end closed
                break
            if not chunk:
                break
            shown += chunk
        os.close(master)
        status = proc.wait()
        text = shown.decode("utf-8", "replace")
        layers = [int(k) for k in re.findall(r"layer (\d+) of 12, elapsed \d+\.\d s", text)]
        results.append(("exit status 0", status == 0, "exit status %d" % status))
        results.append(("every layer shown, in order", layers == list(range(1, 13)), text))
        results.append(("rewritten in place", text.startswith("\r") and "\n" not in text,
                        repr(text)))
        # the last thing written blanks the line and returns to its start
        results.append(("cleared at the end", re.search(r"\r +\r$", text) is not None,
                        repr(text[-80:])))
        with open(csv) as f:
            rows = f.read().splitlines()
        results.append(("the file written", len(rows) == 13, "%d rows" % len(rows)))
    print("1..%d" % len(results))
    for n, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
        if not ok:
            print("#   " + detail)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
