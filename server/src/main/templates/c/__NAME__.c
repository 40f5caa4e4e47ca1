/*
 * __NAME__: a Hielements WASM plugin in C, on hielements_plugin.h (the SDK's header, copied here; see its comment for
 * every helper). A plugin is its functions, each declared once in HIE_FUNCTIONS with its documentation.
 * Build: ./build.sh   Test: ./test.sh
 */
#include "hielements_plugin.h"

static int ends_with(const char *s, hie_u32 n, const char *suffix) {
    hie_u32 k = hie_strlen(suffix);
    return n >= k && hie_eq(s + n - k, k, suffix);
}

/* A selector: the files of a scope whose name ends with a suffix. */
static void with_suffix(hie_call *c) {
    hie_json *paths = hie_arg_scope_paths(c, 0);
    if (!paths) { hie_error(c, "with_suffix: the first argument must be a scope"); return; }
    const char *suffix = hie_arg_string(c, 1);
    hie_scope_begin(c, "Glob", suffix);
    for (hie_json *p = paths->first; p; p = p->next)
        if (p->kind == HIE_STRING && ends_with(p->str, p->len, suffix)) hie_scope_path(c, p->str, p->len);
    hie_scope_end(c);
}

/* A check: passes when a scope has at most n files. */
static void at_most(hie_call *c) {
    hie_json *paths = hie_arg_scope_paths(c, 0);
    if (!paths) { hie_error(c, "at_most: the first argument must be a scope"); return; }
    hie_i64 n = hie_arg_int(c, 1);
    if ((hie_i64)paths->count <= n) { hie_pass(c); return; }
    hie_buf b = {0, 0, 0};
    hie_buf_str(&b, "the scope has ");
    hie_buf_int(&b, paths->count);
    hie_buf_str(&b, " files, more than ");
    hie_buf_int(&b, n);
    hie_buf_put(&b, "", 1);
    hie_fail(c, b.data);
}

HIE_FUNCTIONS {
    HIE_SELECTOR(with_suffix, "Scope", "The files of a scope whose name ends with a suffix.",
                 "scope: Scope: the files; suffix: string: the end of the name, such as '.txt'",
                 "__NAME__.with_suffix(files.folder_selector('src'), '.py')"),
    HIE_CHECK(at_most, "Passes when a scope has at most n files.", "scope: Scope: the files; n: integer: the limit",
              "__NAME__.at_most(notes, 10)"),
};
HIE_LIBRARY("__NAME__", "0.1.0", "The __NAME__ plugin: files by suffix, and a file-count check.")
