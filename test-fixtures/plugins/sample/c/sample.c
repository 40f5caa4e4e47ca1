/*
 * The `sample` library as a WASM plugin in C, on the SDK's header (sdk/c/hielements_plugin.h): its functions are
 * declared once, with their documentation, in HIE_FUNCTIONS; the header does the ABI, the JSON, the argument errors,
 * library_doc/library_metadata and the reading of the workspace through WASI. The same answers as the other builds of
 * `sample` (../README.md). Build: ./build.sh (the built sample.wasm is committed).
 */
#include "../../../../sdk/c/hielements_plugin.h"

/* "F: MESSAGE" + text, NUL-terminated */
static const char *message(const char *a, const char *b, hie_u32 bn) {
    hie_buf m = {0, 0, 0};
    hie_buf_str(&m, a);
    hie_buf_put(&m, b, bn);
    hie_buf_put(&m, "", 1);
    return m.data;
}

/* simple_selector(path): the regular files under a folder of the workspace (sorted, links not followed), or one file */
static void simple_selector(hie_call *c) {
    const char *path = hie_arg_string(c, 0);
    if (!hie_ok(c)) return;
    hie_u32 n = hie_strlen(path);
    const char *rel = path;
    while (n >= 2 && rel[0] == '.' && rel[1] == '/') rel += 2, n -= 2;
    while (n > 1 && rel[n - 1] == '/') n--;
    if (n == 1 && rel[0] == '.') n = 0;
    int escapes = n > 0 && rel[0] == '/';
    for (hie_u32 start = 0, i = 0; i <= n && !escapes; i++) {
        if (i == n || rel[i] == '/') {
            if (i - start == 2 && rel[start] == '.' && rel[start + 1] == '.') escapes = 1;
            start = i + 1;
        }
    }
    if (escapes) {
        hie_error(c, message("simple_selector: the path must stay inside the workspace: ", path, hie_strlen(path)));
        return;
    }
    char *inner = hie_alloc(n + 1);
    memcpy(inner, rel, n);
    inner[n] = 0;
    int type = n ? hie_path_type(c, inner) : HIE_DIRECTORY;
    if (type == HIE_DIRECTORY) {
        hie_paths files = {0, 0, 0, 0};
        if (!hie_walk(c, inner, &files)) return;
        hie_scope_begin(c, "Folder", path);
        for (hie_u32 i = 0; i < files.len; i++) hie_scope_path(c, files.items[i], files.lens[i]);
        hie_scope_end(c);
        return;
    }
    if (!hie_ok(c)) return;
    hie_scope_begin(c, "File", path);
    if (type == HIE_REGULAR_FILE) {
        hie_u32 wn = hie_strlen(c->workspace), fn;
        char *full = hie_join(c->workspace, wn, "/", inner, n, &fn);
        hie_scope_path(c, full, fn);
    }
    hie_scope_end(c);
}

static void always_pass(hie_call *c) { hie_pass(c); }

/* file_count_check(scope, max) */
static void file_count_check(hie_call *c) {
    hie_json *paths = hie_arg_scope_paths(c, 0);
    hie_i64 limit = hie_arg_int(c, 1);
    if (!hie_ok(c)) return;
    if ((hie_i64)paths->count <= limit) { hie_pass(c); return; }
    hie_buf m = {0, 0, 0};
    hie_buf_str(&m, "Too many files: ");
    hie_buf_int(&m, paths->count);
    hie_buf_str(&m, " > ");
    hie_buf_int(&m, limit);
    hie_buf_put(&m, "", 1);
    hie_fail(c, m.data);
}

/* has_extension(scope, ext): the file names (after the last '/') end with ext (a dot added when it has none) */
static void has_extension(hie_call *c) {
    hie_json *paths = hie_arg_scope_paths(c, 0);
    const char *given = hie_arg_string(c, 1);
    if (!hie_ok(c)) return;
    hie_u32 en = hie_arg_len(c, 1);
    const char *ext = given;
    if (en == 0 || given[0] != '.') {
        hie_u32 n;
        ext = hie_join(".", 1, "", given, en, &n);
        en = n;
    }
    hie_u32 wrong = 0, wn = hie_strlen(c->workspace);
    hie_buf shown = {0, 0, 0};
    for (hie_json *p = paths->first; p; p = p->next) {
        hie_u32 base = 0;
        for (hie_u32 i = p->len; i > 0; i--) if (p->str[i - 1] == '/') { base = i; break; }
        hie_u32 bn = p->len - base;
        if (bn >= en && hie_eq(p->str + p->len - en, en, ext)) continue;
        if (++wrong <= 3) {
            const char *r = p->str;
            hie_u32 rn = p->len;
            if (rn > wn && r[wn] == '/') {
                int same = 1;
                for (hie_u32 i = 0; i < wn; i++) if (r[i] != c->workspace[i]) { same = 0; break; }
                if (same) r += wn + 1, rn -= wn + 1;
            }
            if (wrong > 1) hie_buf_str(&shown, ", ");
            hie_buf_put(&shown, r, rn);
        }
    }
    if (wrong == 0) { hie_pass(c); return; }
    hie_buf m = {0, 0, 0};
    hie_buf_int(&m, wrong);
    hie_buf_str(&m, " of ");
    hie_buf_int(&m, paths->count);
    hie_buf_str(&m, " files do not end with '");
    hie_buf_put(&m, ext, en);
    hie_buf_str(&m, "': ");
    hie_buf_put(&m, shown.data, shown.len);
    if (wrong > 3) hie_buf_str(&m, ", ...");
    hie_buf_put(&m, "", 1);
    hie_fail(c, m.data);
}

/* prime_count(n, expected): the primes below n by trial division, the compute-heavy check */
static void prime_count(hie_call *c) {
    hie_i64 n = hie_arg_int(c, 0);
    hie_i64 expected = hie_arg_int(c, 1);
    if (!hie_ok(c)) return;
    if (n > 10000000) { hie_error(c, "prime_count: n must be at most 10000000"); return; }
    hie_i64 count = 0;
    for (hie_i64 p = 2; p < n; p++) {
        if (p % 2 == 0) {
            if (p == 2) count++;
            continue;
        }
        int prime = 1;
        for (hie_i64 d = 3; d * d <= p; d += 2) {
            if (p % d == 0) { prime = 0; break; }
        }
        count += prime;
    }
    if (count == expected) { hie_pass(c); return; }
    hie_buf m = {0, 0, 0};
    hie_buf_str(&m, "There are ");
    hie_buf_int(&m, count);
    hie_buf_str(&m, " primes below ");
    hie_buf_int(&m, n);
    hie_buf_str(&m, ", not ");
    hie_buf_int(&m, expected);
    hie_buf_put(&m, "", 1);
    hie_fail(c, m.data);
}

HIE_FUNCTIONS {
    HIE_SELECTOR(simple_selector, "Scope", "Selects every file under a folder of the workspace, or one file",
                 "path: string: Folder or file, relative to the workspace", "sample.simple_selector('src')"),
    HIE_CHECK(always_pass, "Always passes", "", "sample.always_pass()"),
    HIE_CHECK(file_count_check, "Passes when the scope has at most max files",
              "scope: Scope: The files to count; max: integer: The largest number of files allowed",
              "sample.file_count_check(src, 10)"),
    HIE_CHECK(has_extension, "Passes when the name of every file of the scope ends with the extension",
              "scope: Scope: The files to look at; ext: string: The extension, with or without its dot",
              "sample.has_extension(src, '.py')"),
    HIE_CHECK(prime_count, "Counts the primes below n by trial division (a compute-heavy check) and passes when there "
              "are expected of them",
              "n: integer: The bound (at most 10000000); expected: integer: The expected number of primes below n",
              "sample.prime_count(100000, 9592)"),
};
HIE_LIBRARY("sample", "1.0.0", "Sample plugin library: a folder selector and checks over a scope's files")
