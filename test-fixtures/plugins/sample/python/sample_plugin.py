#!/usr/bin/env python3
"""The `sample` library as a process plugin (standard library only).

JSON-RPC 2.0 over stdin/stdout, one JSON object per line (see README.md, "Plugins"). It gives exactly the
answers of the WASM builds (C, Rust, AssemblyScript, WAT: ../README.md): the same selector, checks, documentation and
error messages, the argument errors worded as the SDKs word them.

    [libraries.sample]
    executable = "python3"
    args = ["plugins/sample/python/sample_plugin.py"]

Selector: simple_selector(path). Checks: always_pass(), file_count_check(scope, max), has_extension(scope, ext),
prime_count(n, expected) (compute-heavy: trial division).
"""

import json
import os
import sys

NAME = "sample"
VERSION = "1.0.0"
MAX_PRIME_N = 10_000_000


def param(name, type_, description):
    return {"name": name, "type": type_, "description": description}


DOC = {
    "name": NAME,
    "description": "Sample plugin library: a folder selector and checks over a scope's files",
    "version": VERSION,
    "functions": [
        {
            "name": "simple_selector",
            "description": "Selects every file under a folder of the workspace, or one file",
            "parameters": [param("path", "string", "Folder or file, relative to the workspace")],
            "return_type": "Scope",
            "example": "sample.simple_selector('src')",
        }
    ],
    "checks": [
        {
            "name": "always_pass",
            "description": "Always passes",
            "parameters": [],
            "return_type": "CheckResult",
            "example": "sample.always_pass()",
        },
        {
            "name": "file_count_check",
            "description": "Passes when the scope has at most max files",
            "parameters": [param("scope", "Scope", "The files to count"),
                           param("max", "integer", "The largest number of files allowed")],
            "return_type": "CheckResult",
            "example": "sample.file_count_check(src, 10)",
        },
        {
            "name": "has_extension",
            "description": "Passes when the name of every file of the scope ends with the extension",
            "parameters": [param("scope", "Scope", "The files to look at"),
                           param("ext", "string", "The extension, with or without its dot")],
            "return_type": "CheckResult",
            "example": "sample.has_extension(src, '.py')",
        },
        {
            "name": "prime_count",
            "description": "Counts the primes below n by trial division (a compute-heavy check) and passes when "
                           "there are expected of them",
            "parameters": [param("n", "integer", "The bound (at most 10000000)"),
                           param("expected", "integer", "The expected number of primes below n")],
            "return_type": "CheckResult",
            "example": "sample.prime_count(100000, 9592)",
        },
    ],
}

METADATA = {
    "name": NAME,
    "version": VERSION,
    "functions": [f["name"] for f in DOC["functions"]],
    "checks": [c["name"] for c in DOC["checks"]],
}


class PluginError(Exception):
    """An error answered as a JSON-RPC error with code -32000."""


# ---------------------------------------------------------------- argument helpers

def tagged(args, i, tag):
    """The payload of the i-th argument when it is {tag: payload} and nothing else, else None."""
    if i < len(args) and isinstance(args[i], dict) and len(args[i]) == 1 and tag in args[i]:
        return args[i][tag]
    return None


def string_arg(args, i, function):
    s = tagged(args, i, "String")
    if isinstance(s, str):
        return s
    raise PluginError(f"{function}: argument {i + 1} must be a string")


def int_arg(args, i, function):
    n = tagged(args, i, "Int")
    if type(n) is int:
        return n
    raise PluginError(f"{function}: argument {i + 1} must be an integer")


def scope_arg(args, i, function):
    s = tagged(args, i, "Scope")
    if isinstance(s, dict):
        paths = s.get("paths")
        if isinstance(paths, list) and all(isinstance(p, str) for p in paths):
            return paths
    raise PluginError(f"{function}: argument {i + 1} must be a scope")


# ---------------------------------------------------------------- the selector

def clean(path):
    """The path without leading './' and trailing '/'; '.' is the workspace itself."""
    while path.startswith("./"):
        path = path[2:]
    while len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return "" if path == "." else path


def walk(folder, out):
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, out)
            elif entry.is_file(follow_symlinks=False):
                out.append(entry.path)
        except OSError:
            continue


def simple_selector(args, workspace):
    path = string_arg(args, 0, "simple_selector")
    rel = clean(path)
    if rel.startswith("/") or ".." in rel.split("/"):
        raise PluginError(f"simple_selector: the path must stay inside the workspace: {path}")
    full = workspace if rel == "" else workspace + "/" + rel
    if os.path.isdir(full) and not os.path.islink(full):
        files = []
        walk(full, files)
        files.sort(key=lambda p: p.encode("utf-8"))
        return {"Scope": {"kind": {"Folder": path}, "paths": files, "resolved": True}}
    if os.path.isfile(full) and not os.path.islink(full):
        return {"Scope": {"kind": {"File": path}, "paths": [full], "resolved": True}}
    return {"Scope": {"kind": {"File": path}, "paths": [], "resolved": True}}


# ---------------------------------------------------------------- the checks

def relative(path, workspace):
    prefix = workspace + "/"
    return path[len(prefix):] if path.startswith(prefix) else path


def file_count_check(args, workspace):
    paths = scope_arg(args, 0, "file_count_check")
    limit = int_arg(args, 1, "file_count_check")
    count = len(paths)
    if count <= limit:
        return {"Pass": None}
    return {"Fail": f"Too many files: {count} > {limit}"}


def has_extension(args, workspace):
    paths = scope_arg(args, 0, "has_extension")
    ext = string_arg(args, 1, "has_extension")
    if not ext.startswith("."):
        ext = "." + ext
    wrong = [p for p in paths if not p.rsplit("/", 1)[-1].endswith(ext)]
    if not wrong:
        return {"Pass": None}
    shown = ", ".join(relative(p, workspace) for p in wrong[:3])
    more = ", ..." if len(wrong) > 3 else ""
    return {"Fail": f"{len(wrong)} of {len(paths)} files do not end with '{ext}': {shown}{more}"}


def prime_count(args, workspace):
    n = int_arg(args, 0, "prime_count")
    expected = int_arg(args, 1, "prime_count")
    if n > MAX_PRIME_N:
        raise PluginError(f"prime_count: n must be at most {MAX_PRIME_N}")
    count = 0
    for p in range(2, max(n, 2)):
        if p % 2 == 0:
            if p == 2:
                count += 1
            continue
        d = 3
        prime = True
        while d * d <= p:
            if p % d == 0:
                prime = False
                break
            d += 2
        if prime:
            count += 1
    if count == expected:
        return {"Pass": None}
    return {"Fail": f"There are {count} primes below {n}, not {expected}"}


SELECTORS = {"simple_selector": simple_selector}
ARITY = {f["name"]: len(f["parameters"]) for f in DOC["functions"] + DOC["checks"]}
CHECKS = {
    "always_pass": lambda args, ws: {"Pass": None},
    "file_count_check": file_count_check,
    "has_extension": has_extension,
    "prime_count": prime_count,
}


# ---------------------------------------------------------------- the protocol

def handle(request):
    method = request.get("method")
    params = request.get("params") or {}
    if method == "library.metadata":
        return METADATA
    if method == "library.doc":
        return DOC
    if method in ("library.call", "library.check"):
        function = params.get("function", "")
        args = params.get("args", [])
        workspace = params.get("workspace", ".")
        table = SELECTORS if method == "library.call" else CHECKS
        if not isinstance(function, str) or function not in table:
            kind = "selector" if method == "library.call" else "check"
            raise PluginError(f"unknown {kind}: {function}")
        if not isinstance(args, list):
            args = []
        want = ARITY[function]
        if len(args) != want:
            raise PluginError(f"{function}: expected {want} argument{'' if want == 1 else 's'}, got {len(args)}")
        return table[function](args, workspace)
    raise MethodNotFound(f"Unknown method: {method}")


class MethodNotFound(Exception):
    pass


def reply(obj):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def main():
    for raw in sys.stdin.buffer:
        line = raw.strip()
        if not line:
            continue
        try:
            request = json.loads(line.decode("utf-8"))
            if not isinstance(request, dict):
                raise ValueError("the request is not an object")
        except (ValueError, UnicodeDecodeError) as e:
            reply({"jsonrpc": "2.0", "error": {"code": -32700, "message": f"Parse error: {e}"}, "id": None})
            continue
        rid = request.get("id")
        try:
            reply({"jsonrpc": "2.0", "result": handle(request), "id": rid})
        except MethodNotFound as e:
            reply({"jsonrpc": "2.0", "error": {"code": -32601, "message": str(e)}, "id": rid})
        except PluginError as e:
            reply({"jsonrpc": "2.0", "error": {"code": -32000, "message": str(e)}, "id": rid})


if __name__ == "__main__":
    main()
