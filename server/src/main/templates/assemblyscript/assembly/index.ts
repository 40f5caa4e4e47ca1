// __NAME__: a Hielements WASM plugin in AssemblyScript, on the SDK in hielements/index.ts (copied from Hielements: keep
// it with the host version you use). A plugin is its functions, each declared once with its documentation.
// Build: ./build.sh   Test: ./test.sh
import { Call, Reply, selector, check, param, library, pass, fail, scope } from "../hielements/index";

/** A selector: the files of a scope whose name ends with a suffix. */
function with_suffix(c: Call): Reply {
  const suffix = c.string(1);
  const paths = c.scopePaths(0);
  const kept = new Array<string>();
  for (let i = 0; i < paths.length; i++) if (paths[i].endsWith(suffix)) kept.push(paths[i]);
  return scope("Glob", suffix, kept);
}

/** A check: passes when a scope has at most n files. */
function at_most(c: Call): Reply {
  const count = <i64>c.scopePaths(0).length;
  const n = c.int(1);
  return count <= n ? pass() : fail("the scope has " + count.toString() + " files, more than " + n.toString());
}

library("__NAME__", "0.1.0", "The __NAME__ plugin: files by suffix, and a file-count check.");
selector("with_suffix", with_suffix, "Scope", "The files of a scope whose name ends with a suffix.",
  [param("scope", "Scope", "the files"), param("suffix", "string", "the end of the name, such as '.txt'")],
  "__NAME__.with_suffix(files.folder_selector('src'), '.py')");
check("at_most", at_most, "Passes when a scope has at most n files.",
  [param("scope", "Scope", "the files"), param("n", "integer", "the limit")], "__NAME__.at_most(notes, 10)");

export { alloc, dealloc, library_call, library_check, library_metadata, library_doc } from "../hielements/index";
