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
      const c = this.text.charCodeAt(this.pos++);
      if (c == 34) return out;
      if (c != 92) { out += String.fromCharCode(c); continue; }
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
    v.num = parseFloat(this.text.substring(start, this.pos));
    return v;
  }
}

/** `s` as a JSON string literal. */
export function quote(s: string): string {
  let out = "\"";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34) out += "\\\"";
    else if (c == 92) out += "\\\\";
    else if (c == 10) out += "\\n";
    else if (c < 32) out += "\\u" + (c < 16 ? "000" : "00") + c.toString(16);
    else out += String.fromCharCode(c);
  }
  return out + "\"";
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

  private tagged(i: i32, tag: string): Json | null {
    const v = this.arg(i);
    if (v.kind != Kind.Object || v.keys.length != 1 || v.keys[0] != tag) {
      this.fail(this.fn + ": argument " + (i + 1).toString() + " must be a " + tag);
      return null;
    }
    return v.items[0];
  }

  /** Records an error; the call then replies it (the first one) whatever the function returns. */
  fail(message: string): void {
    if (this.error == null) this.error = message;
  }

  /** The i-th argument's text ({"String": "src"}); "" and an error when it is not a string. */
  string(i: i32): string {
    const v = this.tagged(i, "String");
    return v != null ? v.str : "";
  }

  /** The i-th argument as an integer ({"Int": 3}). */
  int(i: i32): i64 {
    const v = this.tagged(i, "Int");
    return v != null ? <i64>v.num : 0;
  }

  /** The i-th argument as a boolean. */
  bool(i: i32): bool {
    return this.arg(i).kind == Kind.Bool && this.arg(i).bool;
  }

  /** The absolute paths of the i-th argument, a scope. */
  scopePaths(i: i32): Array<string> {
    const out = new Array<string>();
    const v = this.tagged(i, "Scope");
    if (v == null) return out;
    const paths = v.get("paths");
    if (paths != null) for (let k = 0; k < paths.items.length; k++) out.push(paths.items[k].str);
    return out;
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

export function alloc(len: usize): usize {
  return heap.alloc(len);
}

export function dealloc(ptr: usize, len: usize): void {
  heap.free(ptr);
}

function packed(text: string): u64 {
  const buf = String.UTF8.encode(text);
  const len = <usize>buf.byteLength;
  const p = heap.alloc(len);
  memory.copy(p, changetype<usize>(buf), len);
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
  return packed("{\"name\":" + quote(libName) + ",\"version\":" + quote(libVersion) + ",\"functions\":"
    + names(false) + ",\"checks\":" + names(true) + "}");
}

export function library_doc(): u64 {
  return packed("{\"name\":" + quote(libName) + ",\"description\":" + quote(libDescription) + ",\"version\":"
    + quote(libVersion) + ",\"functions\":" + docs(false) + ",\"checks\":" + docs(true) + "}");
}
