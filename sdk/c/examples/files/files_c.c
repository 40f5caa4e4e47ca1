/* files_c: an example plugin on sdk/c/hielements_plugin.h. Build: ./build.sh (gives files_c.wasm). */
#include "../../hielements_plugin.h"

/* greeting(name) -> 'hello, NAME' */
static void greeting(hie_call *c) {
    hie_buf b = {0, 0, 0};
    hie_buf_str(&b, "hello, ");
    hie_buf_str(&b, hie_arg_string(c, 0));
    hie_buf_put(&b, "", 1);
    hie_reply_string(c, b.data);
}

/* ends_with: whether s ends with the suffix */
static int ends_with(const char *s, hie_u32 n, const char *suffix) {
    hie_u32 k = hie_strlen(suffix);
    return n >= k && hie_eq(s + n - k, k, suffix);
}

/* with_extension(scope, ext) -> the scope's files whose name ends with ext, as a Glob scope */
static void with_extension(hie_call *c) {
    hie_json *paths = hie_arg_scope_paths(c, 0);
    if (!paths) { hie_error(c, "with_extension: the first argument must be a scope"); return; }
    const char *ext = hie_arg_string(c, 1);
    hie_scope_begin(c, "Glob", ext);
    for (hie_json *p = paths->first; p; p = p->next)
        if (p->kind == HIE_STRING && ends_with(p->str, p->len, ext)) hie_scope_path(c, p->str, p->len);
    hie_scope_end(c);
}

/* at_most(scope, n): passes when the scope has at most n files */
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
    HIE_SELECTOR(greeting, "string", "Gives a greeting to a name.", "name: string: who is greeted",
                 "files_c.greeting('Ada')"),
    HIE_SELECTOR(with_extension, "Scope", "The files of a scope whose name ends with a suffix.",
                 "scope: Scope: the files; ext: string: the suffix, such as '.py'",
                 "files_c.with_extension(files.folder_selector('src'), '.py')"),
    HIE_CHECK(at_most, "Passes when a scope has at most n files.", "scope: Scope: the files; n: int: the limit",
              "files_c.at_most(src, 10)"),
};
HIE_LIBRARY("files_c", "0.1.0", "An example C plugin: a greeting, files by suffix, a file-count check.")
