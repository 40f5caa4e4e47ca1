#!/usr/bin/env python3
"""A process plugin that misbehaves on request, for the fault tests (server/.../process/FaultMatrixTest).

Without options it behaves well. Options (any combination):
  --exit-at-start      write a line to stderr and exit with status 3 before reading anything
  --banner             print a banner line on stdout first, and a debug line before every reply
  --wrong-ids          answer every request with its id + 1000
  --garbage            answer every request with a line that is not JSON
  --stderr-flood MB    write MB megabytes to stderr before every reply
  --invalid-utf8       write a line of bytes that are not UTF-8 (with a NUL) before every reply
  --null-id-error      answer library.call/library.check with a JSON-RPC error whose id is null
  --ignore-eof         ignore SIGTERM/SIGHUP/SIGINT, and keep running after the end of input
  --silent-doc         never answer library.metadata / library.doc
  --no-doc             answer library.metadata / library.doc with "method not found"
  --fork-child         start a child (sleep 300) that ignores SIGTERM/SIGHUP/SIGINT, and write the plugin's pid and
                       the child's to faulty-plugin.pid and faulty-child.pid in the working folder (the workspace)
Selectors: id() (the request's id), pid(), child_pid() (with --fork-child), echo(x), scope_of(n), count_paths(scope), crash(), hang(), sleep(ms), env(name), cwd(), null().
Checks: ok(), fail(), error().
"""

import json
import os
import signal
import sys
import time

opts = sys.argv[1:]


def has(flag):
    return flag in opts


def write(obj):
    if has("--stderr-flood"):
        mb = int(opts[opts.index("--stderr-flood") + 1])
        block = ("E" * 1023 + "\n").encode()
        for _ in range(mb * 1024):
            sys.stderr.buffer.write(block)
        sys.stderr.buffer.flush()
    if has("--banner"):
        sys.stdout.write("debug: about to answer\n")
    if has("--invalid-utf8"):
        sys.stdout.flush()
        sys.stdout.buffer.write(b"\xff\xfe\x00 not text\n")
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def call(function, args, workspace, rid):
    if function == "id":
        return {"Int": rid}
    if function == "pid":
        return {"Int": os.getpid()}
    if function == "child_pid":
        return {"Int": CHILD[0]}
    if function == "echo":
        return args[0]
    if function == "scope_of":
        n = args[0]["Int"]
        paths = [f"{workspace}/generated/dir{i // 100:03d}/file{i:05d}.txt" for i in range(n)]
        return {"Scope": {"kind": {"Glob": "generated/**"}, "paths": paths, "resolved": True}}
    if function == "count_paths":
        return {"Int": len(args[0]["Scope"]["paths"])}
    if function == "crash":
        sys.stderr.write("faulty: simulated crash in crash()\n")
        sys.stderr.flush()
        os._exit(70)
    if function == "hang":
        while True:
            time.sleep(1)
    if function == "sleep":
        time.sleep(args[0]["Int"] / 1000)
        return {"Int": args[0]["Int"]}
    if function == "env":
        return {"String": os.environ.get(args[0]["String"], "")}
    if function == "cwd":
        return {"String": os.getcwd()}
    if function == "null":
        return None
    raise KeyError(f"Unknown function: {function}")


def check(function, args, workspace):
    if function == "ok":
        return {"Pass": None}
    if function == "fail":
        return {"Fail": "failed on purpose"}
    if function == "error":
        raise KeyError("check went wrong")
    raise KeyError(f"Unknown check: {function}")


CHILD = [0]


def fork_child():
    import subprocess
    child = subprocess.Popen(
        ["sh", "-c", "trap '' TERM HUP INT; sleep 300 & wait"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    CHILD[0] = child.pid
    for name, pid in (("faulty-child.pid", child.pid), ("faulty-plugin.pid", os.getpid())):
        with open(name + ".tmp", "w") as f:
            f.write(str(pid))
        os.rename(name + ".tmp", name)


def main():
    if has("--fork-child"):
        fork_child()
    if has("--ignore-eof"):
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)
    if has("--exit-at-start"):
        sys.stderr.write("faulty: cannot start: configuration missing\n")
        sys.stderr.flush()
        sys.exit(3)
    if has("--banner"):
        sys.stdout.write("Faulty plugin 1.0 ready\n")
        sys.stdout.flush()
    for raw in sys.stdin.buffer:
        line = raw.strip()
        if not line:
            continue
        request = json.loads(line)
        rid = request.get("id")
        method = request.get("method")
        params = request.get("params") or {}
        if has("--garbage"):
            sys.stdout.write("this is not json {\n")
            sys.stdout.flush()
            continue
        if has("--wrong-ids"):
            rid = rid + 1000
        if method in ("library.metadata", "library.doc"):
            if has("--silent-doc"):
                continue
            if has("--no-doc"):
                write({"jsonrpc": "2.0", "error": {"code": -32601, "message": f"Unknown method: {method}"}, "id": rid})
                continue
            if method == "library.metadata":
                write({"jsonrpc": "2.0", "id": rid, "result": {
                    "name": "faulty", "version": "1.0.0",
                    "functions": ["pid", "echo", "scope_of", "count_paths", "crash", "hang", "sleep", "env", "cwd",
                                  "null"],
                    "checks": ["ok", "fail", "error"]}})
            else:
                write({"jsonrpc": "2.0", "error": {"code": -32601, "message": "Unknown method: library.doc"},
                       "id": rid})
            continue
        if has("--null-id-error") and method in ("library.call", "library.check"):
            write({"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error: cannot read the request"},
                   "id": None})
            continue
        try:
            if method == "library.call":
                result = call(params["function"], params["args"], params["workspace"], request.get("id"))
            elif method == "library.check":
                result = check(params["function"], params["args"], params["workspace"])
            else:
                write({"jsonrpc": "2.0", "error": {"code": -32601, "message": f"Unknown method: {method}"},
                       "id": rid})
                continue
            write({"jsonrpc": "2.0", "result": result, "id": rid})
        except KeyError as e:
            write({"jsonrpc": "2.0", "error": {"code": -32000, "message": str(e.args[0])}, "id": rid})
    if has("--ignore-eof"):
        sys.stderr.write("faulty: end of input ignored\n")
        sys.stderr.flush()
        while True:
            time.sleep(1)


if __name__ == "__main__":
    main()
