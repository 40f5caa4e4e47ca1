/*
 * The `sample` library as a WASM plugin, in freestanding C (no libc): clang --target=wasm32-unknown-unknown.
 * It gives exactly the answers of the Python process plugin in ../python (same selector, checks, documentation and
 * error messages). Build: ./build.sh (the built sample.wasm is committed).
 *
 * ABI (PLUGINS.md section 4): exports memory, alloc, dealloc, library_call, library_check, library_doc,
 * library_metadata. The reply-returning exports return a struct {ptr, len}, which clang's C ABI for wasm32 passes
 * through a hidden out-pointer: library_call(out, ptr, len) -> () and library_doc(out) -> (), the "out-pointer"
 * shape. Files are read through WASI preview 1 imports (fd_prestat_*, path_open, path_filestat_get, fd_readdir,
 * fd_close), called directly: the host mounts the workspace read-only at its own absolute path when hielements.toml
 * grants [libraries.NAME.permissions] filesystem = ["read"].
 *
 * Memory: a bump allocator over the heap. alloc() and every reply count as live blocks; when dealloc() has released
 * them all (the host deallocs the input, the out-pointer and the reply after each call) the heap starts over.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;
typedef unsigned long size_t;

#define EXPORT(name) __attribute__((export_name(name)))
#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))

/* ------------------------------------------------------------------ memory */

/* Built with bulk memory (build.sh passes -mbulk-memory), a copy of more than a few bytes is one memory.copy
 * instruction, which the host runs as one array copy; small ones stay a short loop, cheaper than a call into the host.
 * Built without it (an MVP build), __builtin_memcpy would be a call to this very function: copy words instead. */
void *memcpy(void *dst, const void *src, size_t n) {
    u8 *d = dst;
    const u8 *s = src;
#if defined(__wasm_bulk_memory__)
    if (n > 16) {
        __builtin_memcpy(d, s, n);
        return dst;
    }
#else
    if ((((size_t)d ^ (size_t)s) & 3) == 0) {
        while (n && ((size_t)d & 3)) { *d++ = *s++; n--; }
        for (; n >= 4; n -= 4, d += 4, s += 4) *(u32 *)d = *(const u32 *)s;
    }
#endif
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    u8 *d = dst;
#if defined(__wasm_bulk_memory__)
    if (n > 16) {
        __builtin_memset(d, c, n);
        return dst;
    }
#endif
    while (n--) *d++ = (u8)c;
    return dst;
}

extern u8 __heap_base;
static u32 heap_top;
static u32 heap_end; /* the size of the memory as last seen, so that most allocations ask the host nothing */
static u32 live_blocks;

static u32 align8(u32 x) { return (x + 7u) & ~7u; }
static u32 heap_bottom(void) { return align8((u32)(size_t)&__heap_base); }

/* Never fails: growing past the host's memory limit traps, and the host reports the limit. */
static void *raw_alloc(u32 n) {
    if (heap_top == 0) heap_top = heap_bottom();
    u32 p = heap_top;
    u32 end = align8(p + (n ? n : 1));
    if (end < p) __builtin_trap();
    if (end > heap_end) {
        u32 have = (u32)__builtin_wasm_memory_size(0) * 65536u;
        if (end > have) {
            u32 pages = (end - have + 65535u) / 65536u;
            if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) __builtin_trap();
            have += pages * 65536u;
        }
        heap_end = have;
    }
    heap_top = end;
    return (void *)(size_t)p;
}

EXPORT("alloc") u32 alloc(u32 size) {
    void *p = raw_alloc(size);
    live_blocks++;
    return (u32)(size_t)p;
}

EXPORT("dealloc") void dealloc(u32 ptr, u32 size) {
    (void)size;
    if (ptr < heap_bottom() || live_blocks == 0) return;
    if (--live_blocks == 0) heap_top = heap_bottom();
}

/* ------------------------------------------------------------------ strings */

typedef struct { const char *p; u32 len; } str;

static str S(const char *z) {
    u32 n = 0;
    while (z[n]) n++;
    str s = {z, n};
    return s;
}

static int str_eq(str a, str b) {
    if (a.len != b.len) return 0;
    for (u32 i = 0; i < a.len; i++) if (a.p[i] != b.p[i]) return 0;
    return 1;
}

static int starts_with(str s, str prefix) {
    if (s.len < prefix.len) return 0;
    for (u32 i = 0; i < prefix.len; i++) if (s.p[i] != prefix.p[i]) return 0;
    return 1;
}

static int ends_with(str s, str suffix) {
    if (s.len < suffix.len) return 0;
    for (u32 i = 0; i < suffix.len; i++) if (s.p[s.len - suffix.len + i] != suffix.p[i]) return 0;
    return 1;
}

/* Byte order, as Python sorts str (code points) and UTF-8 keeps that order. */
static int str_cmp(str a, str b) {
    u32 n = a.len < b.len ? a.len : b.len;
    for (u32 i = 0; i < n; i++) {
        if ((u8)a.p[i] != (u8)b.p[i]) return (u8)a.p[i] < (u8)b.p[i] ? -1 : 1;
    }
    return a.len == b.len ? 0 : (a.len < b.len ? -1 : 1);
}

static str concat3(str a, str b, str c) {
    char *p = raw_alloc(a.len + b.len + c.len + 1);
    memcpy(p, a.p, a.len);
    memcpy(p + a.len, b.p, b.len);
    memcpy(p + a.len + b.len, c.p, c.len);
    p[a.len + b.len + c.len] = 0;
    str s = {p, a.len + b.len + c.len};
    return s;
}

/* ------------------------------------------------------------------ output buffer and JSON writer */

typedef struct { char *p; u32 len, cap; } buf;

static void grow(buf *b, u32 n) {
    u32 cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n) cap *= 2;
    char *np = raw_alloc(cap);
    if (b->len) memcpy(np, b->p, b->len);
    b->p = np;
    b->cap = cap;
}

static void put(buf *b, const char *s, u32 n) {
    if (b->len + n > b->cap) grow(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void puts_(buf *b, const char *z) { put(b, z, S(z).len); }

static void putc_(buf *b, char c) {
    if (b->len == b->cap) grow(b, 1);
    b->p[b->len++] = c;
}

static void put_i64(buf *b, i64 v) {
    char tmp[24];
    int n = 0;
    u64 u = v < 0 ? (u64)(-(v + 1)) + 1 : (u64)v;
    do { tmp[n++] = (char)('0' + (u % 10)); u /= 10; } while (u);
    if (v < 0) putc_(b, '-');
    while (n) putc_(b, tmp[--n]);
}

static void put_json_string(buf *b, str s) {
    static const char hex[] = "0123456789abcdef";
    putc_(b, '"');
    for (u32 i = 0; i < s.len; i++) {
        /* a run of characters that need no escape goes in with one copy */
        u32 run = i;
        while (run < s.len && (u8)s.p[run] >= 0x20 && s.p[run] != '"' && s.p[run] != '\\') run++;
        if (run > i) {
            put(b, s.p + i, run - i);
            i = run;
            if (i == s.len) break;
        }
        u8 c = (u8)s.p[i];
        if (c == '"') puts_(b, "\\\"");
        else if (c == '\\') puts_(b, "\\\\");
        else if (c == '\n') puts_(b, "\\n");
        else if (c == '\t') puts_(b, "\\t");
        else if (c == '\r') puts_(b, "\\r");
        else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(b, e, 6);
        } else putc_(b, (char)c);
    }
    putc_(b, '"');
}

/* ------------------------------------------------------------------ JSON reader */

enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv {
    u8 type;
    u8 is_int;      /* J_NUM: an integer that fits in i64 */
    i64 num;
    str s;          /* J_STR: the decoded UTF-8 text */
    str key;        /* member name, inside an object */
    struct jv *kids;
    struct jv *next;
} jv;

typedef struct { const char *p, *end; int err; int depth; } reader;

static void ws(reader *r) {
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t')) r->p++;
}

static jv *node(u8 type) {
    jv *v = raw_alloc(sizeof(jv));
    str none = {0, 0};
    v->type = type;
    v->is_int = 0;
    v->num = 0;
    v->s = none;
    v->key = none;
    v->kids = 0;
    v->next = 0;
    return v;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static u32 read_hex4(reader *r) {
    if (r->end - r->p < 4) { r->err = 1; return 0; }
    u32 v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(r->p[i]);
        if (h < 0) { r->err = 1; return 0; }
        v = v * 16 + (u32)h;
    }
    r->p += 4;
    return v;
}

static void put_utf8(buf *b, u32 cp) {
    char e[4];
    if (cp < 0x80) { e[0] = (char)cp; put(b, e, 1); }
    else if (cp < 0x800) { e[0] = (char)(0xC0 | (cp >> 6)); e[1] = (char)(0x80 | (cp & 63)); put(b, e, 2); }
    else if (cp < 0x10000) {
        e[0] = (char)(0xE0 | (cp >> 12)); e[1] = (char)(0x80 | ((cp >> 6) & 63)); e[2] = (char)(0x80 | (cp & 63));
        put(b, e, 3);
    } else {
        e[0] = (char)(0xF0 | (cp >> 18)); e[1] = (char)(0x80 | ((cp >> 12) & 63));
        e[2] = (char)(0x80 | ((cp >> 6) & 63)); e[3] = (char)(0x80 | (cp & 63));
        put(b, e, 4);
    }
}

/* Eight bytes at a time (one memory access instead of eight): the first byte of a string that ends it or needs
 * decoding ('"', '\\', a control character), found with the word tricks of "Bit Twiddling Hacks" (a byte is zero in
 * v when (v - 0x01..) & ~v & 0x80.. has its top bit; the lowest such byte is exact). */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static u64 load8(const char *p) {
    u64 v;
    __builtin_memcpy(&v, p, 8); /* one i64.load: wasm allows unaligned loads */
    return v;
}

static const char *string_special(const char *p, const char *end) {
    while (end - p >= 8) {
        u64 v = load8(p);
        u64 quote = v ^ (ONES * '"');
        u64 backslash = v ^ (ONES * '\\');
        u64 m = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((v - ONES * 0x20) & ~v);
        m &= HIGHS;
        if (m) return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
    while (p < end && *p != '"' && *p != '\\' && (u8)*p >= 0x20) p++;
    return p;
}

static str read_string(reader *r) {
    str none = {0, 0};
    buf b = {0, 0, 0};
    r->p++; /* the opening quote */
    /* Most strings have no escape: they are read in place, pointing into the request (which lives until the host
     * deallocs it, after the reply was copied out). The first escape switches to decoding into a buffer. */
    const char *start = r->p;
    r->p = string_special(r->p, r->end);
    if (r->p < r->end && *r->p == '"') {
        str s = {start, (u32)(r->p - start)};
        r->p++; /* the closing quote */
        return s;
    }
    if (r->p > start) put(&b, start, (u32)(r->p - start));
    while (r->p < r->end && *r->p != '"') {
        char c = *r->p++;
        if ((u8)c < 0x20) { r->err = 1; return none; }
        if (c != '\\') { putc_(&b, c); continue; }
        if (r->p >= r->end) { r->err = 1; return none; }
        c = *r->p++;
        switch (c) {
            case '"': putc_(&b, '"'); break;
            case '\\': putc_(&b, '\\'); break;
            case '/': putc_(&b, '/'); break;
            case 'b': putc_(&b, '\b'); break;
            case 'f': putc_(&b, '\f'); break;
            case 'n': putc_(&b, '\n'); break;
            case 'r': putc_(&b, '\r'); break;
            case 't': putc_(&b, '\t'); break;
            case 'u': {
                u32 cp = read_hex4(r);
                if (r->err) return none;
                if (cp >= 0xD800 && cp < 0xDC00 && r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u') {
                    r->p += 2;
                    u32 lo = read_hex4(r);
                    if (r->err) return none;
                    if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else { put_utf8(&b, 0xFFFD); cp = lo; }
                }
                put_utf8(&b, cp);
                break;
            }
            default: r->err = 1; return none;
        }
    }
    if (r->p >= r->end) { r->err = 1; return none; }
    r->p++; /* the closing quote */
    str s = {b.p ? b.p : "", b.len};
    return s;
}

static int literal(reader *r, const char *word) {
    str w = S(word);
    if ((u32)(r->end - r->p) < w.len) return 0;
    for (u32 i = 0; i < w.len; i++) if (r->p[i] != w.p[i]) return 0;
    r->p += w.len;
    return 1;
}

static jv *read_value(reader *r) {
    ws(r);
    if (r->p >= r->end || ++r->depth > 200) { r->err = 1; return 0; }
    jv *v = 0;
    char c = *r->p;
    if (c == 'n' && literal(r, "null")) v = node(J_NULL);
    else if (c == 't' && literal(r, "true")) v = node(J_TRUE);
    else if (c == 'f' && literal(r, "false")) v = node(J_FALSE);
    else if (c == '"') {
        v = node(J_STR);
        v->s = read_string(r);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        v = node(J_NUM);
        int neg = 0;
        if (*r->p == '-') { neg = 1; r->p++; }
        if (r->p >= r->end || *r->p < '0' || *r->p > '9') { r->err = 1; return 0; }
        u64 mag = 0;
        int overflow = 0;
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
            u32 d = (u32)(*r->p++ - '0');
            if (mag > (0xFFFFFFFFFFFFFFFFull - d) / 10) overflow = 1;
            else mag = mag * 10 + d;
        }
        v->is_int = 1;
        if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E')) {
            v->is_int = 0;
            while (r->p < r->end && ((*r->p >= '0' && *r->p <= '9') || *r->p == '.' || *r->p == 'e'
                                     || *r->p == 'E' || *r->p == '+' || *r->p == '-')) r->p++;
        }
        if (overflow || mag > (neg ? 0x8000000000000000ull : 0x7FFFFFFFFFFFFFFFull)) v->is_int = 0;
        else v->num = neg ? (i64)(0 - mag) : (i64)mag;
    } else if (c == '[' || c == '{') {
        int obj = c == '{';
        v = node(obj ? J_OBJ : J_ARR);
        r->p++;
        jv **tail = &v->kids;
        ws(r);
        if (r->p < r->end && *r->p == (obj ? '}' : ']')) {
            r->p++;
        } else {
            for (;;) {
                str key = {0, 0};
                if (obj) {
                    ws(r);
                    if (r->p >= r->end || *r->p != '"') { r->err = 1; return 0; }
                    key = read_string(r);
                    ws(r);
                    if (r->err || r->p >= r->end || *r->p != ':') { r->err = 1; return 0; }
                    r->p++;
                }
                jv *kid = read_value(r);
                if (r->err) return 0;
                kid->key = key;
                *tail = kid;
                tail = &kid->next;
                ws(r);
                if (r->p < r->end && *r->p == ',') { r->p++; continue; }
                if (r->p < r->end && *r->p == (obj ? '}' : ']')) { r->p++; break; }
                r->err = 1;
                return 0;
            }
        }
    } else {
        r->err = 1;
    }
    r->depth--;
    return r->err ? 0 : v;
}

static jv *get(jv *obj, const char *key) {
    if (!obj || obj->type != J_OBJ) return 0;
    str k = S(key);
    for (jv *m = obj->kids; m; m = m->next) if (str_eq(m->key, k)) return m;
    return 0;
}

static jv *item(jv *arr, int i) {
    if (!arr || arr->type != J_ARR) return 0;
    jv *m = arr->kids;
    while (m && i--) m = m->next;
    return m;
}

/* ------------------------------------------------------------------ replies */

typedef struct { u32 ptr; u32 len; } reply_t;

/* A reply is a counted block: the host deallocs it once read. */
static reply_t finish(buf *b) {
    char *p = (char *)(size_t)alloc(b->len);
    memcpy(p, b->p, b->len);
    reply_t r = {(u32)(size_t)p, b->len};
    return r;
}

static reply_t reply_text(const char *json) {
    buf b = {0, 0, 0};
    puts_(&b, json);
    return finish(&b);
}

/* {"error":{"code":C,"message":M}}: the same error as the process plugin's JSON-RPC error. */
static reply_t error_reply(i64 code, str message) {
    buf b = {0, 0, 0};
    puts_(&b, "{\"error\":{\"code\":");
    put_i64(&b, code);
    puts_(&b, ",\"message\":");
    put_json_string(&b, message);
    puts_(&b, "}}");
    return finish(&b);
}

static reply_t plugin_error(str message) { return error_reply(-32000, message); }

static str msg2(const char *a, str b) { return concat3(S(a), b, S("")); }

static reply_t pass(void) { return reply_text("{\"Pass\":null}"); }

static reply_t fail(buf *message) {
    buf b = {0, 0, 0};
    str m = {message->p, message->len};
    puts_(&b, "{\"Fail\":");
    put_json_string(&b, m);
    putc_(&b, '}');
    return finish(&b);
}

/* ------------------------------------------------------------------ argument helpers (Python's wording) */

static int string_arg(jv *args, int i, str *out) {
    jv *s = get(item(args, i), "String");
    if (!s || s->type != J_STR) return 0;
    *out = s->s;
    return 1;
}

static int int_arg(jv *args, int i, i64 *out) {
    jv *n = get(item(args, i), "Int");
    if (!n || n->type != J_NUM || !n->is_int) return 0;
    *out = n->num;
    return 1;
}

/* The scope's paths array (NULL kids when absent); 0 when the argument is no scope or a path is no string. */
static int scope_arg(jv *args, int i, jv **paths, u32 *count) {
    jv *scope = get(item(args, i), "Scope");
    if (!scope || scope->type != J_OBJ) return 0;
    jv *ps = get(scope, "paths");
    *paths = 0;
    *count = 0;
    if (!ps) return 1;
    if (ps->type != J_ARR) return 0;
    for (jv *p = ps->kids; p; p = p->next) {
        if (p->type != J_STR) return 0;
        (*count)++;
    }
    *paths = ps->kids;
    return 1;
}

static str arg_error(const char *function, const char *type, const char *which) {
    buf b = {0, 0, 0};
    puts_(&b, function);
    puts_(&b, " requires ");
    puts_(&b, type);
    puts_(&b, " as ");
    puts_(&b, which);
    puts_(&b, " argument");
    str s = {b.p, b.len};
    return s;
}

/* ------------------------------------------------------------------ WASI: reading the workspace */

WASI("fd_prestat_get") u32 wasi_fd_prestat_get(u32 fd, void *prestat);
WASI("fd_prestat_dir_name") u32 wasi_fd_prestat_dir_name(u32 fd, char *path, u32 len);
WASI("path_open") u32 wasi_path_open(u32 dirfd, u32 dirflags, const char *path, u32 path_len, u32 oflags,
                                     u64 rights_base, u64 rights_inheriting, u32 fdflags, u32 *fd_out);
WASI("path_filestat_get") u32 wasi_path_filestat_get(u32 fd, u32 flags, const char *path, u32 path_len,
                                                     void *filestat);
WASI("fd_readdir") u32 wasi_fd_readdir(u32 fd, void *buf, u32 buf_len, u64 cookie, u32 *used);
WASI("fd_close") u32 wasi_fd_close(u32 fd);

#define FILETYPE_UNKNOWN 0
#define FILETYPE_DIRECTORY 3
#define FILETYPE_REGULAR 4
#define FILETYPE_SYMLINK 7
#define OFLAGS_DIRECTORY 2
#define RIGHTS_READ ((1ull << 1) | (1ull << 13) | (1ull << 14) | (1ull << 18) | (1ull << 21))

/* The preopened folder that is the workspace (mounted at its own absolute path), or -1. */
static i32 workspace_fd(str workspace) {
    for (u32 fd = 3; fd < 64; fd++) {
        u32 prestat[2];
        if (wasi_fd_prestat_get(fd, prestat) != 0) return -1;
        if ((prestat[0] & 0xFF) != 0) continue;
        u32 n = prestat[1];
        char *name = raw_alloc(n + 1);
        if (wasi_fd_prestat_dir_name(fd, name, n) != 0) continue;
        while (n > 1 && name[n - 1] == 0) n--;
        str s = {name, n};
        if (str_eq(s, workspace)) return (i32)fd;
    }
    return -1;
}

/* The type of path (relative to dirfd) without following a symlink; FILETYPE_UNKNOWN when it is missing. */
static u8 file_type(u32 dirfd, str path) {
    u64 stat[8];
    if (wasi_path_filestat_get(dirfd, 0, path.p, path.len, stat) != 0) return FILETYPE_UNKNOWN;
    return ((u8 *)stat)[16];
}

typedef struct { str *items; u32 len, cap; } strlist;

static void push(strlist *l, str s) {
    if (l->len == l->cap) {
        u32 cap = l->cap ? l->cap * 2 : 64;
        str *n = raw_alloc(cap * sizeof(str));
        if (l->len) memcpy(n, l->items, l->len * sizeof(str));
        l->items = n;
        l->cap = cap;
    }
    l->items[l->len++] = s;
}

/* Every regular file under the folder rel (relative to dirfd), as full (the same folder's absolute path) + "/" + name. */
static void walk(u32 dirfd, str rel, str full, strlist *files) {
    u32 fd;
    if (wasi_path_open(dirfd, 0, rel.p, rel.len, OFLAGS_DIRECTORY, RIGHTS_READ, RIGHTS_READ, 0, &fd) != 0) return;
    strlist names = {0, 0, 0};
    strlist dirs = {0, 0, 0};
    u32 size = 64 * 1024;
    u8 *b = raw_alloc(size);
    u64 cookie = 0;
    for (;;) {
        u32 used = 0;
        if (wasi_fd_readdir(fd, b, size, cookie, &used) != 0) break;
        u32 off = 0;
        int progressed = 0;
        while (off + 24 <= used) {
            u64 next;
            u32 namlen;
            memcpy(&next, b + off, 8);
            memcpy(&namlen, b + off + 16, 4);
            u8 type;
            if (off + 24 + namlen > used) break;
            char *name = raw_alloc(namlen + 1);
            memcpy(name, b + off + 24, namlen);
            name[namlen] = 0;
            str n = {name, namlen};
            off += 24 + namlen;
            cookie = next;
            progressed = 1;
            if (str_eq(n, S(".")) || str_eq(n, S(".."))) continue;
            str child_rel = str_eq(rel, S(".")) ? n : concat3(rel, S("/"), n);
            /* readdir may report a symlink as its target's type: ask without following it */
            type = file_type(dirfd, child_rel);
            if (type == FILETYPE_DIRECTORY) push(&dirs, n);
            else if (type == FILETYPE_REGULAR) push(&names, n);
        }
        if (used < size || !progressed) break;
    }
    wasi_fd_close(fd);
    for (u32 i = 0; i < names.len; i++) push(files, concat3(full, S("/"), names.items[i]));
    for (u32 i = 0; i < dirs.len; i++) {
        str child_rel = str_eq(rel, S(".")) ? dirs.items[i] : concat3(rel, S("/"), dirs.items[i]);
        walk(dirfd, child_rel, concat3(full, S("/"), dirs.items[i]), files);
    }
}

static void sort(str *a, u32 n) {
    if (n < 2) return;
    str *tmp = raw_alloc(n * sizeof(str));
    for (u32 width = 1; width < n; width *= 2) {
        for (u32 lo = 0; lo < n; lo += 2 * width) {
            u32 mid = lo + width < n ? lo + width : n;
            u32 hi = lo + 2 * width < n ? lo + 2 * width : n;
            u32 i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = str_cmp(a[j], a[i]) < 0 ? a[j++] : a[i++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof(str));
    }
}

/* ------------------------------------------------------------------ the selector */

static reply_t scope_reply(const char *kind, str argument, strlist *paths) {
    buf b = {0, 0, 0};
    puts_(&b, "{\"Scope\":{\"kind\":{\"");
    puts_(&b, kind);
    puts_(&b, "\":");
    put_json_string(&b, argument);
    puts_(&b, "},\"paths\":[");
    for (u32 i = 0; i < paths->len; i++) {
        if (i) putc_(&b, ',');
        put_json_string(&b, paths->items[i]);
    }
    puts_(&b, "],\"resolved\":true}}");
    return finish(&b);
}

static reply_t simple_selector(jv *args, str workspace) {
    str path;
    if (!string_arg(args, 0, &path)) return plugin_error(arg_error("simple_selector", "a string", "first"));
    str rel = path;
    while (starts_with(rel, S("./"))) { rel.p += 2; rel.len -= 2; }
    while (rel.len > 1 && rel.p[rel.len - 1] == '/') rel.len--;
    if (str_eq(rel, S("."))) rel.len = 0;
    int escapes = rel.len > 0 && rel.p[0] == '/';
    for (u32 start = 0, i = 0; i <= rel.len && !escapes; i++) {
        if (i == rel.len || rel.p[i] == '/') {
            str part = {rel.p + start, i - start};
            if (str_eq(part, S(".."))) escapes = 1;
            start = i + 1;
        }
    }
    if (escapes) return plugin_error(msg2("simple_selector: the path must stay inside the workspace: ", path));
    i32 dirfd = workspace_fd(workspace);
    if (dirfd < 0) {
        return plugin_error(S("simple_selector: the workspace cannot be read: grant filesystem = [\"read\"] in this "
                              "library's [libraries.NAME.permissions] table in hielements.toml"));
    }
    str inner = rel.len ? rel : S(".");
    str full = rel.len ? concat3(workspace, S("/"), rel) : workspace;
    strlist files = {0, 0, 0};
    u8 type = rel.len ? file_type((u32)dirfd, inner) : FILETYPE_DIRECTORY;
    if (type == FILETYPE_DIRECTORY) {
        walk((u32)dirfd, inner, full, &files);
        sort(files.items, files.len);
        return scope_reply("Folder", path, &files);
    }
    if (type == FILETYPE_REGULAR) push(&files, full);
    return scope_reply("File", path, &files);
}

/* ------------------------------------------------------------------ the checks */

static reply_t file_count_check(jv *args) {
    jv *paths;
    u32 count;
    i64 limit;
    if (!scope_arg(args, 0, &paths, &count)) return plugin_error(arg_error("file_count_check", "a scope", "first"));
    if (!int_arg(args, 1, &limit)) return plugin_error(arg_error("file_count_check", "an integer", "second"));
    if ((i64)count <= limit) return pass();
    buf m = {0, 0, 0};
    puts_(&m, "Too many files: ");
    put_i64(&m, count);
    puts_(&m, " > ");
    put_i64(&m, limit);
    return fail(&m);
}

static str relative(str path, str workspace) {
    str prefix = concat3(workspace, S("/"), S(""));
    if (starts_with(path, prefix)) {
        str r = {path.p + prefix.len, path.len - prefix.len};
        return r;
    }
    return path;
}

static reply_t has_extension(jv *args, str workspace) {
    jv *paths;
    u32 count;
    str ext;
    if (!scope_arg(args, 0, &paths, &count)) return plugin_error(arg_error("has_extension", "a scope", "first"));
    if (!string_arg(args, 1, &ext)) return plugin_error(arg_error("has_extension", "a string", "second"));
    if (!starts_with(ext, S("."))) ext = concat3(S("."), ext, S(""));
    strlist wrong = {0, 0, 0};
    for (jv *p = paths; p; p = p->next) {
        str base = p->s;
        for (u32 i = p->s.len; i > 0; i--) { /* the name after the last '/' */
            if (p->s.p[i - 1] == '/') { base.p = p->s.p + i; base.len = p->s.len - i; break; }
        }
        if (!ends_with(base, ext)) push(&wrong, p->s);
    }
    if (wrong.len == 0) return pass();
    buf m = {0, 0, 0};
    put_i64(&m, wrong.len);
    puts_(&m, " of ");
    put_i64(&m, count);
    puts_(&m, " files do not end with '");
    put(&m, ext.p, ext.len);
    puts_(&m, "': ");
    for (u32 i = 0; i < wrong.len && i < 3; i++) {
        if (i) puts_(&m, ", ");
        str r = relative(wrong.items[i], workspace);
        put(&m, r.p, r.len);
    }
    if (wrong.len > 3) puts_(&m, ", ...");
    return fail(&m);
}

#define MAX_PRIME_N 10000000

static reply_t prime_count(jv *args) {
    i64 n, expected;
    if (!int_arg(args, 0, &n)) return plugin_error(arg_error("prime_count", "an integer", "first"));
    if (!int_arg(args, 1, &expected)) return plugin_error(arg_error("prime_count", "an integer", "second"));
    if (n > MAX_PRIME_N) return plugin_error(S("prime_count: n must be at most 10000000"));
    i64 count = 0;
    for (i64 p = 2; p < n; p++) {
        if (p % 2 == 0) {
            if (p == 2) count++;
            continue;
        }
        int prime = 1;
        for (i64 d = 3; d * d <= p; d += 2) {
            if (p % d == 0) { prime = 0; break; }
        }
        if (prime) count++;
    }
    if (count == expected) return pass();
    buf m = {0, 0, 0};
    puts_(&m, "There are ");
    put_i64(&m, count);
    puts_(&m, " primes below ");
    put_i64(&m, n);
    puts_(&m, ", not ");
    put_i64(&m, expected);
    return fail(&m);
}

/* ------------------------------------------------------------------ the exports */

typedef struct { jv *args; str function; str workspace; int ok; } request;

static request read_request(u32 ptr, u32 len) {
    request q = {0, {0, 0}, {0, 0}, 0};
    reader r = {(const char *)(size_t)ptr, (const char *)(size_t)ptr + len, 0, 0};
    jv *v = read_value(&r);
    ws(&r);
    if (r.err || r.p != r.end || !v || v->type != J_OBJ) return q;
    jv *f = get(v, "function");
    jv *w = get(v, "workspace");
    q.args = get(v, "args");
    if (f && f->type == J_STR) q.function = f->s;
    if (w && w->type == J_STR) q.workspace = w->s;
    if (!q.args) q.args = node(J_ARR);
    q.ok = q.args->type == J_ARR;
    return q;
}

EXPORT("library_call") reply_t library_call(u32 ptr, u32 len) {
    request q = read_request(ptr, len);
    if (!q.ok) return error_reply(-32700, S("Parse error: the request is not a JSON object"));
    if (str_eq(q.function, S("simple_selector"))) return simple_selector(q.args, q.workspace);
    return plugin_error(msg2("Unknown function: ", q.function));
}

EXPORT("library_check") reply_t library_check(u32 ptr, u32 len) {
    request q = read_request(ptr, len);
    if (!q.ok) return error_reply(-32700, S("Parse error: the request is not a JSON object"));
    if (str_eq(q.function, S("always_pass"))) return pass();
    if (str_eq(q.function, S("file_count_check"))) return file_count_check(q.args);
    if (str_eq(q.function, S("has_extension"))) return has_extension(q.args, q.workspace);
    if (str_eq(q.function, S("prime_count"))) return prime_count(q.args);
    return plugin_error(msg2("Unknown check: ", q.function));
}

EXPORT("library_metadata") reply_t library_metadata(void) {
    return reply_text("{\"name\":\"sample\",\"version\":\"1.0.0\",\"functions\":[\"simple_selector\"],"
                      "\"checks\":[\"always_pass\",\"file_count_check\",\"has_extension\",\"prime_count\"]}");
}

EXPORT("library_doc") reply_t library_doc(void) {
    return reply_text(
        "{\"name\":\"sample\","
        "\"description\":\"Sample plugin library: a folder selector and checks over a scope's files\","
        "\"version\":\"1.0.0\","
        "\"functions\":["
        "{\"name\":\"simple_selector\","
        "\"description\":\"Selects every file under a folder of the workspace, or one file\","
        "\"parameters\":[{\"name\":\"path\",\"type\":\"string\","
        "\"description\":\"Folder or file, relative to the workspace\"}],"
        "\"return_type\":\"Scope\",\"example\":\"sample.simple_selector('src')\"}],"
        "\"checks\":["
        "{\"name\":\"always_pass\",\"description\":\"Always passes\",\"parameters\":[],"
        "\"return_type\":\"CheckResult\",\"example\":\"sample.always_pass()\"},"
        "{\"name\":\"file_count_check\",\"description\":\"Passes when the scope has at most max files\","
        "\"parameters\":[{\"name\":\"scope\",\"type\":\"Scope\",\"description\":\"The files to count\"},"
        "{\"name\":\"max\",\"type\":\"integer\",\"description\":\"The largest number of files allowed\"}],"
        "\"return_type\":\"CheckResult\",\"example\":\"sample.file_count_check(src, 10)\"},"
        "{\"name\":\"has_extension\","
        "\"description\":\"Passes when the name of every file of the scope ends with the extension\","
        "\"parameters\":[{\"name\":\"scope\",\"type\":\"Scope\",\"description\":\"The files to look at\"},"
        "{\"name\":\"ext\",\"type\":\"string\",\"description\":\"The extension, with or without its dot\"}],"
        "\"return_type\":\"CheckResult\",\"example\":\"sample.has_extension(src, '.py')\"},"
        "{\"name\":\"prime_count\","
        "\"description\":\"Counts the primes below n by trial division (a compute-heavy check) and passes when "
        "there are expected of them\","
        "\"parameters\":[{\"name\":\"n\",\"type\":\"integer\",\"description\":\"The bound (at most 10000000)\"},"
        "{\"name\":\"expected\",\"type\":\"integer\",\"description\":\"The expected number of primes below n\"}],"
        "\"return_type\":\"CheckResult\",\"example\":\"sample.prime_count(100000, 9592)\"}]}");
}
