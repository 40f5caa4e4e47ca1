// hielements-plugin for AssemblyScript 0.28 (versioned with the host; docs/PLUGINS.md is the ABI it implements).
//
// A plugin is its functions, each declared once with its documentation, then the exports re-exported. This file is
// copied into a plugin project as hielements/index.ts (`hielements plugin new NAME --lang assemblyscript` does it; asc
// 0.28 does not follow `export ... from` into a package), and the plugin's assembly/index.ts reads:
//
//   import { Call, Reply, selector, check, param, library, pass, fail, scope } from "../hielements/index";
//   function at_most(c: Call): Reply { return c.scopePaths(0).length <= c.int(1) ? pass() : fail("too many files"); }
//   library("tiny", "0.1.0", "A tiny library.");
//   check("at_most", at_most, "Passes when a scope has at most n files.",
//         [param("scope", "Scope", "the files"), param("n", "integer", "the limit")], "tiny.at_most(src, 10)");
//   export { alloc, dealloc, library_call, library_check, library_metadata, library_doc } from "../hielements/index";
//
// Build: asc assembly/index.ts --runtime stub --use abort= --exportStart _initialize -O3 --outFile plugin.wasm
// (--use abort= so the module imports nothing; --exportStart _initialize because the declarations run at start and
// the host calls _initialize once per instance). The packed shape: library_call(ptr, len) -> i64.

// ------------------------------------------------------------------ JSON values

export const enum Kind { Null, Bool, Number, String, Array, Object }

/** A parsed JSON value. */
export class Json {
  kind: Kind = Kind.Null;
  bool: bool = false;
  num: f64 = 0;
  /** A Number written as an integer that fits in an i64: isInt, and its exact value in int. */
  isInt: bool = false;
  int: i64 = 0;
  str: string = "";
  items: Array<Json> = [];
  keys: Array<string> = [];

  get(key: string): Json | null {
    if (this.kind != Kind.Object) return null;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] == key) return this.items[i];
    return null;
  }
}

class Parser {
  pos: i32 = 0;
  bad: bool = false;
  constructor(public text: string) {}

  ws(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 32 && c != 10 && c != 13 && c != 9) break;
      this.pos++;
    }
  }

  string(): string {
    let out = "";
    this.pos++;
    while (this.pos < this.text.length) {
      // a run without escapes is taken whole (the stub runtime frees nothing: no string built a character at a time)
      const start = this.pos;
      while (this.pos < this.text.length) {
        const d = this.text.charCodeAt(this.pos);
        if (d == 34 || d == 92) break;
        this.pos++;
      }
      if (this.pos > start) out = out.length == 0 ? this.text.substring(start, this.pos)
                                                  : out + this.text.substring(start, this.pos);
      if (this.pos >= this.text.length) break;
      const c = this.text.charCodeAt(this.pos++);
      if (c == 34) return out;
      const e = this.text.charCodeAt(this.pos++);
      if (e == 110) out += "\n";
      else if (e == 116) out += "\t";
      else if (e == 114) out += "\r";
      else if (e == 98) out += "\b";
      else if (e == 102) out += "\f";
      else if (e == 117) {
        out += String.fromCharCode(<i32>parseInt(this.text.substr(this.pos, 4), 16));
        this.pos += 4;
      } else out += String.fromCharCode(e);
    }
    this.bad = true;
    return out;
  }

  value(depth: i32): Json {
    const v = new Json();
    this.ws();
    if (this.pos >= this.text.length || depth > 64) { this.bad = true; return v; }
    const c = this.text.charCodeAt(this.pos);
    if (c == 123 || c == 91) {
      v.kind = c == 123 ? Kind.Object : Kind.Array;
      const close = c == 123 ? 125 : 93;
      this.pos++;
      this.ws();
      if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == close) { this.pos++; return v; }
      while (!this.bad) {
        if (v.kind == Kind.Object) {
          this.ws();
          if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) != 34) { this.bad = true; break; }
          v.keys.push(this.string());
          this.ws();
          if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) != 58) { this.bad = true; break; }
          this.pos++;
        }
        v.items.push(this.value(depth + 1));
        this.ws();
        if (this.pos >= this.text.length) { this.bad = true; break; }
        const n = this.text.charCodeAt(this.pos++);
        if (n == 44) continue;
        if (n != close) this.bad = true;
        break;
      }
      return v;
    }
    if (c == 34) { v.kind = Kind.String; v.str = this.string(); return v; }
    if (this.text.startsWith("true", this.pos)) { v.kind = Kind.Bool; v.bool = true; this.pos += 4; return v; }
    if (this.text.startsWith("false", this.pos)) { v.kind = Kind.Bool; this.pos += 5; return v; }
    if (this.text.startsWith("null", this.pos)) { this.pos += 4; return v; }
    const start = this.pos;
    while (this.pos < this.text.length) {
      const d = this.text.charCodeAt(this.pos);
      if (!((d >= 48 && d <= 57) || d == 45 || d == 43 || d == 46 || d == 101 || d == 69)) break;
      this.pos++;
    }
    if (start == this.pos) { this.bad = true; return v; }
    v.kind = Kind.Number;
    const text = this.text.substring(start, this.pos);
    v.num = parseFloat(text);
    exactInt(text, v);
    return v;
  }
}

/** Sets v.isInt and v.int when text is an integer in the range of an i64 (parsed exactly, not through f64). */
function exactInt(text: string, v: Json): void {
  const neg = text.charCodeAt(0) == 45;
  let i = neg ? 1 : 0;
  if (i >= text.length) return;
  let mag: u64 = 0;
  const limit: u64 = neg ? 0x8000000000000000 : 0x7FFFFFFFFFFFFFFF;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return;
    if (mag > (limit - <u64>d) / 10) return;
    mag = mag * 10 + <u64>d;
  }
  v.isInt = true;
  v.int = neg ? <i64>(0 - mag) : <i64>mag;
}

/** `s` as a JSON string literal. */
export function quote(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length && plain; i++) {
    const c = s.charCodeAt(i);
    if (c == 34 || c == 92 || c < 32) plain = false;
  }
  if (plain) return "\"" + s + "\"";
  const parts = new Array<string>();
  parts.push("\"");
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c != 34 && c != 92 && c >= 32) continue;
    if (i > start) parts.push(s.substring(start, i));
    if (c == 34) parts.push("\\\"");
    else if (c == 92) parts.push("\\\\");
    else if (c == 10) parts.push("\\n");
    else parts.push("\\u" + (c < 16 ? "000" : "00") + c.toString(16));
    start = i + 1;
  }
  if (s.length > start) parts.push(s.substring(start));
  parts.push("\"");
  return parts.join("");
}

// ------------------------------------------------------------------ calls and replies

/** A reply: JSON text, made by string_, int, bool_, list, scope, pass, fail. */
export class Reply {
  constructor(public json: string) {}
}

/** An error the user sees as E-32000 with this message. */
export class PluginError {
  constructor(public message: string) {}
}

/** One call: the function, its arguments (upstream's JSON values), the absolute workspace folder. */
export class Call {
  error: string | null = null;
  constructor(public fn: string, public args: Json, public workspace: string) {}

  arg(i: i32): Json {
    return i < this.args.items.length ? this.args.items[i] : new Json();
  }

  /** The payload of {tag: payload} (an object with that one member), or null. */
  private tagged(i: i32, tag: string): Json | null {
    const v = this.arg(i);
    if (v.kind != Kind.Object || v.keys.length != 1 || v.keys[0] != tag) return null;
    return v.items[0];
  }

  /** Records "FUNCTION: argument N must be WHAT", the wording of every SDK. */
  private bad(i: i32, what: string): void {
    this.fail(this.fn + ": argument " + (i + 1).toString() + " must be " + what);
  }

  /** Records an error; the call then replies it (the first one) whatever the function returns. */
  fail(message: string): void {
    if (this.error == null) this.error = message;
  }

  /** The i-th argument's text ({"String": "src"}); "" and an error when it is not a string. */
  string(i: i32): string {
    const v = this.tagged(i, "String");
    if (v != null && v.kind == Kind.String) return v.str;
    this.bad(i, "a string");
    return "";
  }

  /** The i-th argument as an integer ({"Int": 3}); 0 and an error when it is not one. */
  int(i: i32): i64 {
    const v = this.tagged(i, "Int");
    if (v != null && v.kind == Kind.Number && v.isInt) return v.int;
    this.bad(i, "an integer");
    return 0;
  }

  /** The i-th argument as a boolean; false and an error when it is not true or false. */
  bool(i: i32): bool {
    if (this.arg(i).kind == Kind.Bool) return this.arg(i).bool;
    this.bad(i, "true or false");
    return false;
  }

  /** The absolute paths of the i-th argument, a scope; none and an error when it is not a scope. */
  scopePaths(i: i32): Array<string> {
    const out = new Array<string>();
    const v = this.tagged(i, "Scope");
    const paths = v != null ? v.get("paths") : null;
    if (paths == null || paths.kind != Kind.Array) {
      this.bad(i, "a scope");
      return out;
    }
    for (let k = 0; k < paths.items.length; k++) {
      if (paths.items[k].kind != Kind.String) {
        this.bad(i, "a scope");
        return new Array<string>();
      }
      out.push(paths.items[k].str);
    }
    return out;
  }

  /** Whether no error has been recorded yet; a function may return early when one has. */
  ok(): bool {
    return this.error == null;
  }
}

export function string_(s: string): Reply { return new Reply("{\"String\":" + quote(s) + "}"); }
export function int(n: i64): Reply { return new Reply("{\"Int\":" + n.toString() + "}"); }
export function bool_(b: bool): Reply { return new Reply(b ? "true" : "false"); }
export function list(items: Array<Reply>): Reply {
  const parts = new Array<string>();
  for (let i = 0; i < items.length; i++) parts.push(items[i].json);
  return new Reply("{\"List\":[" + parts.join(",") + "]}");
}
/** A scope: kind "File", "Folder" or "Glob" with its text, and its paths. */
export function scope(kind: string, value: string, paths: Array<string>): Reply {
  const ps = new Array<string>();
  for (let i = 0; i < paths.length; i++) ps.push(quote(paths[i]));
  return new Reply("{\"Scope\":{\"kind\":{" + quote(kind) + ":" + quote(value) + "},\"paths\":[" + ps.join(",")
    + "],\"resolved\":true}}");
}
export function pass(): Reply { return new Reply("{\"Pass\":null}"); }
export function fail(why: string): Reply { return new Reply("{\"Fail\":" + quote(why) + "}"); }

// ------------------------------------------------------------------ the workspace, through WASI
// When hielements.toml grants the library [libraries.NAME.permissions] filesystem = ["read"], the host mounts the
// workspace read-only at its own absolute path (WASI preview 1). These helpers read it; a module that never calls them
// imports nothing. Paths are relative to the workspace ("" or "." is the workspace itself); links are never followed.

// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_prestat_get")
declare function wasi_fd_prestat_get(fd: u32, prestat: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_prestat_dir_name")
declare function wasi_fd_prestat_dir_name(fd: u32, path: usize, len: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_open")
declare function wasi_path_open(dirfd: u32, dirflags: u32, path: usize, pathLen: usize, oflags: u16, base: u64,
                                inheriting: u64, fdflags: u16, fdOut: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_filestat_get")
declare function wasi_path_filestat_get(fd: u32, flags: u32, path: usize, pathLen: usize, filestat: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_readdir")
declare function wasi_fd_readdir(fd: u32, buf: usize, bufLen: usize, cookie: u64, used: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_close")
declare function wasi_fd_close(fd: u32): u16;

/** What a path is (WASI's filetype numbers): pathType's answer. */
export const MISSING: i32 = 0;
export const DIRECTORY: i32 = 3;
export const REGULAR_FILE: i32 = 4;
export const SYMLINK: i32 = 7;
const RIGHTS_READ: u64 = (1 << 1) | (1 << 2) | (1 << 13) | (1 << 14) | (1 << 18) | (1 << 21);

/** The preopened folder that is the call's workspace; -1 (and an error recorded) when it was not granted. */
function workspaceFd(c: Call): i32 {
  const prestat = heap.alloc(8);
  for (let fd: u32 = 3; fd < 64; fd++) {
    if (wasi_fd_prestat_get(fd, prestat) != 0) break;
    if (load<u8>(prestat) != 0) continue;
    let n = <usize>load<u32>(prestat, 4);
    const name = heap.alloc(n);
    if (wasi_fd_prestat_dir_name(fd, name, n) != 0) continue;
    while (n > 1 && load<u8>(name + n - 1) == 0) n--;
    if (c.workspace.length > 0 && String.UTF8.decodeUnsafe(name, n) == c.workspace) return <i32>fd;
  }
  c.fail(c.fn + ": the workspace cannot be read: grant filesystem = [\"read\"] in this library's "
    + "[libraries.NAME.permissions] table in hielements.toml");
  return -1;
}

function typeAt(dirfd: u32, rel: string): i32 {
  const path = String.UTF8.encode(rel);
  const stat = heap.alloc(64);
  if (wasi_path_filestat_get(dirfd, 0, changetype<usize>(path), <usize>path.byteLength, stat) != 0) return MISSING;
  return <i32>load<u8>(stat, 16);
}

/** The type of a path of the workspace, its link not followed: DIRECTORY, REGULAR_FILE, SYMLINK, another WASI
 * filetype, or MISSING; MISSING and an error recorded when the workspace cannot be read. */
export function pathType(c: Call, rel: string): i32 {
  const fd = workspaceFd(c);
  return fd < 0 ? MISSING : typeAt(<u32>fd, rel.length == 0 ? "." : rel);
}

function walkInto(dirfd: u32, rel: string, full: string, out: Array<string>): void {
  const path = String.UTF8.encode(rel);
  const fdOut = heap.alloc(4);
  if (wasi_path_open(dirfd, 0, changetype<usize>(path), <usize>path.byteLength, 2, RIGHTS_READ, RIGHTS_READ, 0,
                     fdOut) != 0) return;
  const fd = load<u32>(fdOut);
  const dirs = new Array<string>();
  const size: usize = 64 * 1024;
  const buf = heap.alloc(size);
  const usedOut = heap.alloc(4);
  let cookie: u64 = 0;
  while (true) {
    if (wasi_fd_readdir(fd, buf, size, cookie, usedOut) != 0) break;
    const used = <usize>load<u32>(usedOut);
    let off: usize = 0;
    let progressed = false;
    while (off + 24 <= used) {
      const next = load<u64>(buf + off);
      const namlen = <usize>load<u32>(buf + off, 16);
      if (off + 24 + namlen > used) break;
      const name = String.UTF8.decodeUnsafe(buf + off + 24, namlen);
      off += 24 + namlen;
      cookie = next;
      progressed = true;
      if (name == "." || name == "..") continue;
      const child = rel == "." ? name : rel + "/" + name;
      // readdir may report a link as its target's type: asked again without following it
      const type = typeAt(dirfd, child);
      if (type == DIRECTORY) dirs.push(name);
      else if (type == REGULAR_FILE) out.push(full + "/" + name);
    }
    if (used < size || !progressed) break;
  }
  wasi_fd_close(fd);
  for (let i = 0; i < dirs.length; i++) {
    walkInto(dirfd, rel == "." ? dirs[i] : rel + "/" + dirs[i], full + "/" + dirs[i], out);
  }
}

/** Every regular file under a folder of the workspace, as absolute paths sorted (code point order); links are not
 * followed, a missing folder gives none; none and an error recorded when the workspace cannot be read. */
export function walk(c: Call, rel: string): Array<string> {
  const out = new Array<string>();
  const fd = workspaceFd(c);
  if (fd < 0) return out;
  const inner = rel.length == 0 ? "." : rel;
  walkInto(<u32>fd, inner, inner == "." ? c.workspace : c.workspace + "/" + rel, out);
  out.sort();
  return out;
}

// ------------------------------------------------------------------ declarations

export class Param {
  constructor(public name: string, public type: string, public description: string) {}
}
export function param(name: string, type: string, description: string): Param {
  return new Param(name, type, description);
}

class Fn {
  constructor(public name: string, public isCheck: bool, public run: (c: Call) => Reply, public returnType: string,
              public description: string, public params: Array<Param>, public example: string) {}
}

const functions = new Array<Fn>();
let libName = "plugin";
let libVersion = "0.1.0";
let libDescription = "";

/** The library's name, version and description. */
export function library(name: string, version: string, description: string): void {
  libName = name;
  libVersion = version;
  libDescription = description;
}

/** A selector giving a value of returnType ("Scope", "string", "integer", "boolean", "list"). */
export function selector(name: string, run: (c: Call) => Reply, returnType: string, description: string,
                         params: Array<Param>, example: string): void {
  functions.push(new Fn(name, false, run, returnType, description, params, example));
}

/** A check: run replies pass() or fail(why). */
export function check(name: string, run: (c: Call) => Reply, description: string, params: Array<Param>,
                      example: string): void {
  functions.push(new Fn(name, true, run, "CheckResult", description, params, example));
}

// ------------------------------------------------------------------ the exports

// Memory. The stub runtime never frees what is not the last block, so the SDK gives back a whole call at once: the
// request the host allocates (or, for the documentation, a mark made at the start) opens the call; when the host
// deallocates the reply, that first block is stretched to the end of the heap and freed, which moves the stub's heap
// pointer back to where the call began. An instance therefore never grows across calls. (This relies on the stub
// runtime of AssemblyScript 0.28: a block is its size, one usize, before the pointer.)
let callMark: usize = 0;
let replyPtr: usize = 0;

function markCall(ptr: usize): void {
  callMark = ptr;
  replyPtr = 0;
}

export function alloc(len: usize): usize {
  const p = heap.alloc(len);
  markCall(p);
  return p;
}

export function dealloc(ptr: usize, len: usize): void {
  if (ptr == 0 || ptr != replyPtr || callMark == 0) return;
  const probe = heap.alloc(0);
  const end = probe + load<usize>(probe - sizeof<usize>());
  store<usize>(callMark - sizeof<usize>(), end - callMark);
  heap.free(callMark);
  callMark = 0;
  replyPtr = 0;
}

function packed(text: string): u64 {
  const buf = String.UTF8.encode(text);
  const len = <usize>buf.byteLength;
  const p = heap.alloc(len);
  memory.copy(p, changetype<usize>(buf), len);
  replyPtr = p;
  return (<u64>len << 32) | <u64>p;
}

function error(message: string): u64 {
  return packed("{\"error\":{\"code\":-32000,\"message\":" + quote(message) + "}}");
}

function dispatch(ptr: usize, len: usize, isCheck: bool): u64 {
  const p = new Parser(String.UTF8.decodeUnsafe(ptr, len));
  const request = p.value(0);
  const fnValue = request.get("function");
  const args = request.get("args");
  if (p.bad || fnValue == null || args == null || args.kind != Kind.Array) {
    return error("the request is not {\"function\": ..., \"args\": [...]} JSON");
  }
  const name = fnValue.str;
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i];
    if (f.isCheck != isCheck || f.name != name) continue;
    if (args.items.length != f.params.length) {
      return error(f.name + ": expected " + f.params.length.toString() + " argument"
        + (f.params.length == 1 ? "" : "s") + ", got " + args.items.length.toString());
    }
    const ws = request.get("workspace");
    const call = new Call(f.name, args, ws != null ? ws.str : "");
    const reply = f.run(call);
    const e = call.error;
    if (e != null) return error(e);
    return packed(reply.json);
  }
  return error((isCheck ? "unknown check: " : "unknown selector: ") + name);
}

export function library_call(ptr: usize, len: usize): u64 {
  return dispatch(ptr, len, false);
}

export function library_check(ptr: usize, len: usize): u64 {
  return dispatch(ptr, len, true);
}

function names(isCheck: bool): string {
  const out = new Array<string>();
  for (let i = 0; i < functions.length; i++) if (functions[i].isCheck == isCheck) out.push(quote(functions[i].name));
  return "[" + out.join(",") + "]";
}

function docs(isCheck: bool): string {
  const out = new Array<string>();
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i];
    if (f.isCheck != isCheck) continue;
    const ps = new Array<string>();
    for (let k = 0; k < f.params.length; k++) {
      const q = f.params[k];
      ps.push("{\"name\":" + quote(q.name) + ",\"type\":" + quote(q.type) + ",\"description\":"
        + quote(q.description) + "}");
    }
    out.push("{\"name\":" + quote(f.name) + ",\"description\":" + quote(f.description) + ",\"parameters\":["
      + ps.join(",") + "],\"return_type\":" + quote(f.returnType) + ",\"example\":" + quote(f.example) + "}");
  }
  return "[" + out.join(",") + "]";
}

export function library_metadata(): u64 {
  markCall(heap.alloc(0));
  return packed("{\"name\":" + quote(libName) + ",\"version\":" + quote(libVersion) + ",\"functions\":"
    + names(false) + ",\"checks\":" + names(true) + "}");
}

export function library_doc(): u64 {
  markCall(heap.alloc(0));
  return packed("{\"name\":" + quote(libName) + ",\"description\":" + quote(libDescription) + ",\"version\":"
    + quote(libVersion) + ",\"functions\":" + docs(false) + ",\"checks\":" + docs(true) + "}");
}
