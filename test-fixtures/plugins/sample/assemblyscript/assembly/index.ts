// The `sample` library as a WASM plugin in AssemblyScript 0.28, on the SDK (sdk/assemblyscript/assembly/index.ts):
// each function declared once with its documentation; the SDK does the ABI, the JSON, the argument errors,
// library_doc/library_metadata and the reading of the workspace through WASI. The same answers as the other builds of
// `sample` (../README.md). Build: ./build.sh (the built sample.wasm is committed).
import {
  Call, Reply, PluginError, selector, check, param, library, pass, fail, scope, walk, pathType, DIRECTORY,
  REGULAR_FILE,
} from "../../../../../sdk/assemblyscript/assembly/index";

/** The path without leading "./" and trailing "/"; "." is the workspace itself (""). */
function clean(path: string): string {
  let rel = path;
  while (rel.startsWith("./")) rel = rel.substring(2);
  while (rel.length > 1 && rel.endsWith("/")) rel = rel.substring(0, rel.length - 1);
  return rel == "." ? "" : rel;
}

function simple_selector(c: Call): Reply {
  const path = c.string(0);
  if (!c.ok()) return pass();
  const rel = clean(path);
  let escapes = rel.startsWith("/");
  const parts = rel.split("/");
  for (let i = 0; i < parts.length; i++) if (parts[i] == "..") escapes = true;
  if (escapes) {
    c.fail("simple_selector: the path must stay inside the workspace: " + path);
    return pass();
  }
  const type = rel.length == 0 ? DIRECTORY : pathType(c, rel);
  if (type == DIRECTORY) return scope("Folder", path, walk(c, rel));
  const files = new Array<string>();
  if (type == REGULAR_FILE) files.push(c.workspace + "/" + rel);
  return scope("File", path, files);
}

function always_pass(c: Call): Reply {
  return pass();
}

function file_count_check(c: Call): Reply {
  const count = <i64>c.scopePaths(0).length;
  const limit = c.int(1);
  if (count <= limit) return pass();
  return fail("Too many files: " + count.toString() + " > " + limit.toString());
}

function has_extension(c: Call): Reply {
  const paths = c.scopePaths(0);
  const given = c.string(1);
  const ext = given.startsWith(".") ? given : "." + given;
  const prefix = c.workspace + "/";
  const wrong = new Array<string>();
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    const name = p.substring(p.lastIndexOf("/") + 1);
    if (!name.endsWith(ext)) wrong.push(p);
  }
  if (wrong.length == 0) return pass();
  const shown = new Array<string>();
  for (let i = 0; i < wrong.length && i < 3; i++) {
    const p = wrong[i];
    shown.push(p.startsWith(prefix) ? p.substring(prefix.length) : p);
  }
  return fail(wrong.length.toString() + " of " + paths.length.toString() + " files do not end with '" + ext + "': "
    + shown.join(", ") + (wrong.length > 3 ? ", ..." : ""));
}

function prime_count(c: Call): Reply {
  const n = c.int(0);
  const expected = c.int(1);
  if (!c.ok()) return pass();
  if (n > 10000000) {
    c.fail("prime_count: n must be at most 10000000");
    return pass();
  }
  let count: i64 = 0;
  for (let p: i64 = 2; p < n; p++) {
    if (p % 2 == 0) {
      if (p == 2) count++;
      continue;
    }
    let prime = true;
    for (let d: i64 = 3; d * d <= p; d += 2) {
      if (p % d == 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  if (count == expected) return pass();
  return fail("There are " + count.toString() + " primes below " + n.toString() + ", not " + expected.toString());
}

library("sample", "1.0.0", "Sample plugin library: a folder selector and checks over a scope's files");
selector("simple_selector", simple_selector, "Scope", "Selects every file under a folder of the workspace, or one file",
  [param("path", "string", "Folder or file, relative to the workspace")], "sample.simple_selector('src')");
check("always_pass", always_pass, "Always passes", [], "sample.always_pass()");
check("file_count_check", file_count_check, "Passes when the scope has at most max files",
  [param("scope", "Scope", "The files to count"), param("max", "integer", "The largest number of files allowed")],
  "sample.file_count_check(src, 10)");
check("has_extension", has_extension, "Passes when the name of every file of the scope ends with the extension",
  [param("scope", "Scope", "The files to look at"), param("ext", "string", "The extension, with or without its dot")],
  "sample.has_extension(src, '.py')");
check("prime_count", prime_count,
  "Counts the primes below n by trial division (a compute-heavy check) and passes when there are expected of them",
  [param("n", "integer", "The bound (at most 10000000)"),
   param("expected", "integer", "The expected number of primes below n")],
  "sample.prime_count(100000, 9592)");

export {
  alloc, dealloc, library_call, library_check, library_metadata, library_doc,
} from "../../../../../sdk/assemblyscript/assembly/index";
