/*
 * hielements_plugin.h: write a Hielements WASM plugin in C, one header, no libc.
 *
 * Versioned with the host (docs/PLUGINS.md is the ABI it implements). Build a plugin with Debian's clang and lld:
 *   clang --target=wasm32-unknown-unknown -mcpu=mvp -Os -ffreestanding -nostdlib -Wl,--no-entry -Wl,--strip-all \
 *         -I path/to/sdk/c -o plugin.wasm plugin.c
 * The header brings its own allocator on __heap_base and its own memcpy/memset, so it is for freestanding builds
 * (no libc); a module built so imports nothing.
 *
 * A plugin is its functions, each declared once with its documentation:
 *
 *   #include "hielements_plugin.h"
 *   static void greeting(hie_call *c) { hie_reply_string(c, "hello"); }
 *   static void short_name(hie_call *c) {
 *       if (hie_arg_len(c, 0) <= hie_arg_int(c, 1)) hie_pass(c); else hie_fail(c, "the name is too long");
 *   }
 *   HIE_FUNCTIONS {
 *       HIE_SELECTOR(greeting, "string", "Gives a greeting.", "", "tiny.greeting()"),
 *       HIE_CHECK(short_name, "Passes when a name is at most n characters.",
 *                 "name: string: the name; n: int: the limit", "tiny.short_name('ab', 3)"),
 *   };
 *   HIE_LIBRARY("tiny", "0.1.0", "A tiny library.")
 *
 * HIE_LIBRARY writes the exports: memory, alloc, dealloc, library_call and library_check (the packed shape,
 * (ptr, len) -> i64), library_metadata and library_doc (generated from the table). Parameters are written
 * "name: type: description", separated by ';'. The header parses the request, checks the function name and the number
 * of arguments (a wrong call gets a JSON-RPC error naming the function), and turns each reply into upstream's JSON.
 *
 * Memory: a bump allocator. The host allocates the request, the call allocates its reply; when the host deallocates the
 * reply, everything allocated since the request is released, so an instance never grows across calls.
 */
#ifndef HIELEMENTS_PLUGIN_H
#define HIELEMENTS_PLUGIN_H

#define HIE_SDK_VERSION "0.1.0"

typedef unsigned char hie_u8;
typedef unsigned int hie_u32;
typedef unsigned long long hie_u64;
typedef long long hie_i64;
typedef __SIZE_TYPE__ hie_size;

#define HIE_EXPORT(name) __attribute__((export_name(name)))

/* clang may emit calls to these for struct copies and zeroing; a freestanding module defines them once. */
/* Built with -mbulk-memory, a copy of more than a few bytes is one memory.copy instruction (the host runs it as one
 * array copy); without it (an MVP build), __builtin_memcpy would call this very function, so bytes are copied. */
void *memcpy(void *dst, const void *src, hie_size n) {
    hie_u8 *d = dst;
    const hie_u8 *s = src;
#if defined(__wasm_bulk_memory__)
    if (n > 16) {
        __builtin_memcpy(d, s, n);
        return dst;
    }
#endif
    while (n--) *d++ = *s++;
    return dst;
}
void *memset(void *dst, int c, hie_size n) {
    hie_u8 *d = dst;
#if defined(__wasm_bulk_memory__)
    if (n > 16) {
        __builtin_memset(d, c, n);
        return dst;
    }
#endif
    while (n--) *d++ = (hie_u8)c;
    return dst;
}

/* ------------------------------------------------------------------ memory */

extern hie_u8 __heap_base;
static hie_u32 hie_heap_top;
static hie_u32 hie_call_mark;  /* the request of the current call: the heap goes back here when its reply is freed */
static hie_u32 hie_reply_ptr;

static hie_u32 hie_align8(hie_u32 x) { return (x + 7u) & ~7u; }

/* Gives n bytes; traps when the memory cannot grow (the host then reports its memory limit). */
static void *hie_alloc(hie_u32 n) {
    if (hie_heap_top == 0) hie_heap_top = hie_align8((hie_u32)(hie_size)&__heap_base);
    hie_u32 p = hie_heap_top;
    hie_u32 end = hie_align8(p + (n ? n : 1));
    if (end < p) __builtin_trap();
    hie_u32 have = (hie_u32)__builtin_wasm_memory_size(0) * 65536u;
    if (end > have) {
        hie_u32 pages = (end - have + 65535u) / 65536u;
        if (__builtin_wasm_memory_grow(0, pages) == (hie_size)-1) __builtin_trap();
    }
    hie_heap_top = end;
    return (void *)(hie_size)p;
}

/* Marks the start of a reply the module makes without a request (documentation). */
static void hie_mark(void) {
    if (hie_heap_top == 0) hie_heap_top = hie_align8((hie_u32)(hie_size)&__heap_base);
    hie_call_mark = hie_heap_top;
}

static int hie_in_call; /* a call runs: a block the host allocates now (a network reply) belongs to it */

HIE_EXPORT("alloc") void *alloc(hie_u32 n) {
    void *p = hie_alloc(n);
    if (!hie_in_call) hie_call_mark = (hie_u32)(hie_size)p;
    return p;
}

HIE_EXPORT("dealloc") void dealloc(void *p, hie_u32 n) {
    (void)n;
    if ((hie_u32)(hie_size)p == hie_reply_ptr && hie_call_mark != 0) {
        hie_heap_top = hie_call_mark;
        hie_reply_ptr = 0;
        hie_call_mark = 0;
    }
}

/* ------------------------------------------------------------------ text */

static hie_u32 hie_strlen(const char *s) {
    hie_u32 n = 0;
    while (s[n]) n++;
    return n;
}

static int hie_eq(const char *a, hie_u32 alen, const char *b) {
    hie_u32 i = 0;
    for (; i < alen; i++) if (b[i] != a[i]) return 0;
    return b[alen] == 0;
}

/* A growing output buffer on the heap. */
typedef struct { char *data; hie_u32 len, cap; } hie_buf;

static void hie_buf_put(hie_buf *b, const char *s, hie_u32 n) {
    if (b->len + n > b->cap) {
        hie_u32 cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n) cap *= 2;
        char *d = hie_alloc(cap);
        if (b->len) memcpy(d, b->data, b->len);
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}
static void hie_buf_str(hie_buf *b, const char *s) { hie_buf_put(b, s, hie_strlen(s)); }

/* Scanning text eight bytes at a time (one 64-bit load and a few operations per eight bytes, where a byte loop pays a
 * comparison and a loop turn per byte, and the host an interruption check per turn). HIE_HASZERO is the classic test
 * for a zero byte in a word; HIE_HASLESS(w, n) for a byte below n (n <= 128). */
#define HIE_ONES 0x0101010101010101ull
#define HIE_HIGHS 0x8080808080808080ull
#define HIE_HASZERO(w) (((w) - HIE_ONES) & ~(w) & HIE_HIGHS)
#define HIE_HASLESS(w, n) (((w) - HIE_ONES * (n)) & ~(w) & HIE_HIGHS)

/* The first quote or backslash in [p, end), or end. */
static const char *hie_scan_string(const char *p, const char *end) {
    while (end - p >= 8) {
        hie_u64 w;
        __builtin_memcpy(&w, p, 8);
        if (HIE_HASZERO(w ^ (HIE_ONES * '"')) | HIE_HASZERO(w ^ (HIE_ONES * '\\'))) break;
        p += 8;
    }
    while (p < end && *p != '"' && *p != '\\') p++;
    return p;
}

/* The first byte in [p, end) that a JSON string literal escapes (a quote, a backslash, a control character), or end. */
static const char *hie_scan_plain(const char *p, const char *end) {
    while (end - p >= 8) {
        hie_u64 w;
        __builtin_memcpy(&w, p, 8);
        if (HIE_HASZERO(w ^ (HIE_ONES * '"')) | HIE_HASZERO(w ^ (HIE_ONES * '\\')) | HIE_HASLESS(w, 0x20)) break;
        p += 8;
    }
    while (p < end && (hie_u8)*p >= 0x20 && *p != '"' && *p != '\\') p++;
    return p;
}

/* s as a JSON string literal, quotes included: runs of characters that need no escape are copied whole. */
static void hie_buf_json(hie_buf *b, const char *s, hie_u32 n) {
    static const char hex[] = "0123456789abcdef";
    const char *p = s, *end = s + n;
    hie_buf_put(b, "\"", 1);
    for (;;) {
        const char *q = hie_scan_plain(p, end);
        if (q > p) hie_buf_put(b, p, (hie_u32)(q - p));
        if (q == end) break;
        hie_u8 c = (hie_u8)*q;
        if (c == '"' || c == '\\') { char e[2] = {'\\', (char)c}; hie_buf_put(b, e, 2); }
        else if (c == '\n') hie_buf_put(b, "\\n", 2);
        else if (c == '\t') hie_buf_put(b, "\\t", 2);
        else { char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]}; hie_buf_put(b, e, 6); }
        p = q + 1;
    }
    hie_buf_put(b, "\"", 1);
}
static void hie_buf_jsonz(hie_buf *b, const char *s) { hie_buf_json(b, s, hie_strlen(s)); }

static void hie_buf_int(hie_buf *b, hie_i64 v) {
    char t[24];
    int i = 24;
    hie_u64 u = v < 0 ? (hie_u64)(-(v + 1)) + 1 : (hie_u64)v;
    do { t[--i] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) t[--i] = '-';
    hie_buf_put(b, t + i, (hie_u32)(24 - i));
}

/* ------------------------------------------------------------------ JSON values (the request) */

typedef enum { HIE_NULL, HIE_BOOL, HIE_NUMBER, HIE_STRING, HIE_ARRAY, HIE_OBJECT } hie_kind;

/* A parsed JSON value: strings unescaped; arrays and objects as a linked list of children (object members keyed). */
typedef struct hie_json {
    hie_kind kind;
    const char *str;  /* STRING: the text (not NUL-terminated: see len); member key in key/keylen */
    hie_u32 len;
    hie_i64 num;      /* NUMBER (integers; a fraction is dropped), BOOL */
    const char *key;
    hie_u32 keylen;
    struct hie_json *first, *next;
    hie_u32 count;
} hie_json;

typedef struct { const char *p, *end; int bad; } hie_parser;

static void hie_ws(hie_parser *ps) {
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')) ps->p++;
}

static void hie_utf8(hie_buf *b, hie_u32 c) {
    char t[4];
    if (c < 0x80) { t[0] = (char)c; hie_buf_put(b, t, 1); }
    else if (c < 0x800) { t[0] = (char)(0xC0 | c >> 6); t[1] = (char)(0x80 | (c & 63)); hie_buf_put(b, t, 2); }
    else if (c < 0x10000) {
        t[0] = (char)(0xE0 | c >> 12); t[1] = (char)(0x80 | ((c >> 6) & 63)); t[2] = (char)(0x80 | (c & 63));
        hie_buf_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | c >> 18); t[1] = (char)(0x80 | ((c >> 12) & 63));
        t[2] = (char)(0x80 | ((c >> 6) & 63)); t[3] = (char)(0x80 | (c & 63));
        hie_buf_put(b, t, 4);
    }
}

static int hie_hex4(hie_parser *ps, hie_u32 *out) {
    hie_u32 v = 0;
    if (ps->end - ps->p < 4) return 0;
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (hie_u32)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (hie_u32)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (hie_u32)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

static int hie_string(hie_parser *ps, const char **s, hie_u32 *n) {
    ps->p++; /* the opening quote */
    /* The common case, no escape: one block of the exact size, one copy. */
    const char *q = hie_scan_string(ps->p, ps->end);
    if (q < ps->end && *q == '"') {
        hie_u32 len = (hie_u32)(q - ps->p);
        char *d = hie_alloc(len + 1);
        memcpy(d, ps->p, len);
        d[len] = 0; /* NUL-terminated too, for convenience */
        *s = d;
        *n = len;
        ps->p = q + 1;
        return 1;
    }
    hie_buf b = {0, 0, 0};
    while (ps->p < ps->end && *ps->p != '"') {
        const char *run = ps->p;
        ps->p = hie_scan_string(ps->p, ps->end);
        if (ps->p > run) hie_buf_put(&b, run, (hie_u32)(ps->p - run));
        if (ps->p >= ps->end || *ps->p == '"') break;
        ps->p++; /* the backslash */
        if (ps->p >= ps->end) return 0;
        char e = *ps->p++;
        hie_u32 u;
        switch (e) {
            case 'n': hie_buf_put(&b, "\n", 1); break;
            case 't': hie_buf_put(&b, "\t", 1); break;
            case 'r': hie_buf_put(&b, "\r", 1); break;
            case 'b': hie_buf_put(&b, "\b", 1); break;
            case 'f': hie_buf_put(&b, "\f", 1); break;
            case 'u':
                if (!hie_hex4(ps, &u)) return 0;
                if (u >= 0xD800 && u < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u') {
                    hie_u32 lo;
                    ps->p += 2;
                    if (!hie_hex4(ps, &lo)) return 0;
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                }
                hie_utf8(&b, u);
                break;
            default: hie_buf_put(&b, &e, 1);
        }
    }
    if (ps->p >= ps->end) return 0;
    ps->p++;
    hie_buf_put(&b, "", 1); /* NUL-terminated too, for convenience */
    *s = b.data;
    *n = b.len - 1;
    return 1;
}

static hie_json *hie_value(hie_parser *ps, int depth) {
    hie_json *v = hie_alloc(sizeof(hie_json));
    memset(v, 0, sizeof *v);
    hie_ws(ps);
    if (ps->p >= ps->end || depth > 64) { ps->bad = 1; return v; }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        v->kind = c == '{' ? HIE_OBJECT : HIE_ARRAY;
        char close = c == '{' ? '}' : ']';
        hie_json **tail = &v->first;
        ps->p++;
        hie_ws(ps);
        if (ps->p < ps->end && *ps->p == close) { ps->p++; return v; }
        for (;;) {
            const char *key = 0;
            hie_u32 keylen = 0;
            if (v->kind == HIE_OBJECT) {
                hie_ws(ps);
                if (ps->p >= ps->end || *ps->p != '"' || !hie_string(ps, &key, &keylen)) { ps->bad = 1; return v; }
                hie_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') { ps->bad = 1; return v; }
                ps->p++;
            }
            hie_json *item = hie_value(ps, depth + 1);
            if (ps->bad) return v;
            item->key = key;
            item->keylen = keylen;
            *tail = item;
            tail = &item->next;
            v->count++;
            hie_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
            if (ps->p < ps->end && *ps->p == close) { ps->p++; return v; }
            ps->bad = 1;
            return v;
        }
    }
    if (c == '"') {
        v->kind = HIE_STRING;
        if (!hie_string(ps, &v->str, &v->len)) ps->bad = 1;
        return v;
    }
    if (c == 't' || c == 'f' || c == 'n') {
        const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        hie_u32 n = hie_strlen(word);
        if ((hie_u32)(ps->end - ps->p) < n || !hie_eq(ps->p, n, word)) { ps->bad = 1; return v; }
        ps->p += n;
        v->kind = c == 'n' ? HIE_NULL : HIE_BOOL;
        v->num = c == 't';
        return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        int neg = c == '-';
        if (neg) ps->p++;
        hie_u64 n = 0; /* the magnitude; past the range of an i64 it stays at the largest one */
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            hie_u64 d = (hie_u64)(*ps->p++ - '0');
            n = n > (0x8000000000000000ull - d) / 10 ? 0x8000000000000000ull : n * 10 + d;
        }
        if (!neg && n > 0x7FFFFFFFFFFFFFFFull) n = 0x7FFFFFFFFFFFFFFFull;
        while (ps->p < ps->end && (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E' || *ps->p == '+'
                                   || *ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))) ps->p++;
        v->kind = HIE_NUMBER;
        v->num = neg ? (hie_i64)(0 - n) : (hie_i64)n;
        return v;
    }
    ps->bad = 1;
    return v;
}

/* The member of an object by key, or 0. */
static hie_json *hie_get(const hie_json *o, const char *key) {
    if (!o || o->kind != HIE_OBJECT) return 0;
    for (hie_json *m = o->first; m; m = m->next) if (hie_eq(m->key, m->keylen, key)) return m;
    return 0;
}

/* The i-th item of an array, or 0. */
static hie_json *hie_at(const hie_json *a, hie_u32 i) {
    if (!a || a->kind != HIE_ARRAY) return 0;
    hie_json *m = a->first;
    while (m && i--) m = m->next;
    return m;
}

/* ------------------------------------------------------------------ the declarations */

typedef struct hie_call hie_call;
typedef void (*hie_fn)(hie_call *);

typedef struct {
    const char *name;
    int is_check;
    const char *return_type;   /* a selector's: "Scope", "string", "int", "bool", "list"; a check's is "CheckResult" */
    const char *description;
    const char *params;        /* "name: type: description; ..." ("" for none) */
    const char *example;
    hie_fn fn;
} hie_function;

#define HIE_SELECTOR(fn, return_type, description, params, example) \
    { #fn, 0, return_type, description, params, example, fn }
#define HIE_CHECK(fn, description, params, example) \
    { #fn, 1, "CheckResult", description, params, example, fn }
#define HIE_FUNCTIONS static const hie_function hie_functions[] =

/* One call: its function, arguments and workspace; its reply, or the first error an accessor recorded. */
struct hie_call {
    const hie_function *function;
    hie_json *args;            /* an array */
    const char *workspace;     /* the absolute workspace folder, "" when not sent */
    hie_buf out;
    int answered;
    const char *error;         /* set by hie_arg_* on a wrong argument: the call then replies this error */
};

/* Whether no accessor has recorded an error yet; a function may return early when it has. */
static int hie_ok(hie_call *c) { return c->error == 0; }

/* Records "FUNCTION: argument N must be WHAT" (the first one wins; the call replies it whatever else it does). */
static void hie_bad_arg(hie_call *c, hie_u32 i, const char *what) {
    if (c->error) return;
    hie_buf m = {0, 0, 0};
    hie_buf_str(&m, c->function->name);
    hie_buf_str(&m, ": argument ");
    hie_buf_int(&m, (hie_i64)i + 1);
    hie_buf_str(&m, " must be ");
    hie_buf_str(&m, what);
    hie_buf_put(&m, "", 1);
    c->error = m.data;
}

/* The i-th argument as a JSON value ({"String":"src"}, {"Int":3}, {"Scope":{...}}, true, null...), or 0. */
static hie_json *hie_arg(hie_call *c, hie_u32 i) { return hie_at(c->args, i); }

/* The payload of a tagged value: hie_tagged(v, "String") of {"String":"x"} is the string "x"; else 0. */
static hie_json *hie_tagged(const hie_json *v, const char *tag) {
    if (!v || v->kind != HIE_OBJECT || v->count != 1) return 0;
    return hie_eq(v->first->key, v->first->keylen, tag) ? v->first : 0;
}

/* The i-th argument's text ({"String":...}), NUL-terminated; "" and an error recorded when it is not a string. */
static const char *hie_arg_string(hie_call *c, hie_u32 i) {
    hie_json *s = hie_tagged(hie_arg(c, i), "String");
    if (s && s->kind == HIE_STRING) return s->str;
    hie_bad_arg(c, i, "a string");
    return "";
}
/* Its length in bytes (UTF-8). */
static hie_u32 hie_arg_len(hie_call *c, hie_u32 i) {
    hie_json *s = hie_tagged(hie_arg(c, i), "String");
    return s && s->kind == HIE_STRING ? s->len : 0;
}
/* The i-th argument as an integer ({"Int":n}); 0 and an error recorded when it is not one. */
static hie_i64 hie_arg_int(hie_call *c, hie_u32 i) {
    hie_json *n = hie_tagged(hie_arg(c, i), "Int");
    if (n && n->kind == HIE_NUMBER) return n->num;
    hie_bad_arg(c, i, "an integer");
    return 0;
}
/* The i-th argument as a boolean; false and an error recorded when it is not true or false. */
static int hie_arg_bool(hie_call *c, hie_u32 i) {
    hie_json *b = hie_arg(c, i);
    if (b && b->kind == HIE_BOOL) return (int)b->num;
    hie_bad_arg(c, i, "true or false");
    return 0;
}
/* The paths of the i-th argument, a scope ({"Scope":{"paths":[...]}}): an array of strings (walk it with ->first and
 * ->next, each ->str and ->len; ->count of them); 0 and an error recorded when it is not a scope. */
static hie_json *hie_arg_scope_paths(hie_call *c, hie_u32 i) {
    hie_json *p = hie_get(hie_tagged(hie_arg(c, i), "Scope"), "paths");
    if (p && p->kind == HIE_ARRAY) {
        for (hie_json *q = p->first; q; q = q->next) if (q->kind != HIE_STRING) p = 0;
        if (p) return p;
    }
    hie_bad_arg(c, i, "a scope");
    return 0;
}

/* ------------------------------------------------------------------ replies */

static void hie_begin(hie_call *c) { c->answered = 1; c->out.len = 0; }

static void hie_reply_string(hie_call *c, const char *s) {
    hie_begin(c);
    hie_buf_str(&c->out, "{\"String\":");
    hie_buf_jsonz(&c->out, s);
    hie_buf_str(&c->out, "}");
}
static void hie_reply_int(hie_call *c, hie_i64 v) {
    hie_begin(c);
    hie_buf_str(&c->out, "{\"Int\":");
    hie_buf_int(&c->out, v);
    hie_buf_str(&c->out, "}");
}
static void hie_reply_bool(hie_call *c, int v) { hie_begin(c); hie_buf_str(&c->out, v ? "true" : "false"); }

/* A list of strings: {"List":[{"String":...},...]}. */
static void hie_reply_strings(hie_call *c, const char *const *items, hie_u32 n) {
    hie_begin(c);
    hie_buf_str(&c->out, "{\"List\":[");
    for (hie_u32 i = 0; i < n; i++) {
        if (i) hie_buf_str(&c->out, ",");
        hie_buf_str(&c->out, "{\"String\":");
        hie_buf_jsonz(&c->out, items[i]);
        hie_buf_str(&c->out, "}");
    }
    hie_buf_str(&c->out, "]}");
}

/* A scope: kind "Folder", "File" or "Glob" with its text, then hie_scope_path for each path, then hie_scope_end. */
static void hie_scope_begin(hie_call *c, const char *kind, const char *value) {
    hie_begin(c);
    hie_buf_str(&c->out, "{\"Scope\":{\"kind\":{");
    hie_buf_jsonz(&c->out, kind);
    hie_buf_str(&c->out, ":");
    hie_buf_jsonz(&c->out, value);
    hie_buf_str(&c->out, "},\"paths\":[");
    c->answered = 2;
}
static void hie_scope_path(hie_call *c, const char *path, hie_u32 len) {
    if (c->answered == 3) hie_buf_str(&c->out, ",");
    hie_buf_json(&c->out, path, len);
    c->answered = 3;
}
static void hie_scope_end(hie_call *c) { hie_buf_str(&c->out, "],\"resolved\":true}}"); c->answered = 1; }

static void hie_pass(hie_call *c) { hie_begin(c); hie_buf_str(&c->out, "{\"Pass\":null}"); }
static void hie_fail(hie_call *c, const char *why) {
    hie_begin(c);
    hie_buf_str(&c->out, "{\"Fail\":");
    hie_buf_jsonz(&c->out, why);
    hie_buf_str(&c->out, "}");
}
/* An error the user sees as E-32000 with this message (docs/PLUGINS.md). */
static void hie_error(hie_call *c, const char *message) {
    hie_begin(c);
    hie_buf_str(&c->out, "{\"error\":{\"code\":-32000,\"message\":");
    hie_buf_jsonz(&c->out, message);
    hie_buf_str(&c->out, "}}");
}

/* ------------------------------------------------------------------ the workspace, through WASI */
/*
 * When hielements.toml grants the library [libraries.NAME.permissions] filesystem = ["read"], the host mounts the
 * workspace read-only at its own absolute path (WASI preview 1). These helpers read it; a module that never calls them
 * imports nothing. Paths are relative to the workspace ("" or "." is the workspace itself); symbolic links are never
 * followed.
 */
#define HIE_WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))
HIE_WASI("fd_prestat_get") hie_u32 hie_wasi_fd_prestat_get(hie_u32 fd, void *prestat);
HIE_WASI("fd_prestat_dir_name") hie_u32 hie_wasi_fd_prestat_dir_name(hie_u32 fd, char *path, hie_u32 len);
HIE_WASI("path_open") hie_u32 hie_wasi_path_open(hie_u32 dirfd, hie_u32 dirflags, const char *path, hie_u32 path_len,
                                                 hie_u32 oflags, hie_u64 rights_base, hie_u64 rights_inheriting,
                                                 hie_u32 fdflags, hie_u32 *fd_out);
HIE_WASI("path_filestat_get") hie_u32 hie_wasi_path_filestat_get(hie_u32 fd, hie_u32 flags, const char *path,
                                                                 hie_u32 path_len, void *filestat);
HIE_WASI("fd_readdir") hie_u32 hie_wasi_fd_readdir(hie_u32 fd, void *buf, hie_u32 buf_len, hie_u64 cookie,
                                                   hie_u32 *used);
HIE_WASI("fd_read") hie_u32 hie_wasi_fd_read(hie_u32 fd, void *iovs, hie_u32 iovs_len, hie_u32 *nread);
HIE_WASI("fd_close") hie_u32 hie_wasi_fd_close(hie_u32 fd);

/* The type of a path (WASI's filetype numbers). */
#define HIE_MISSING 0
#define HIE_DIRECTORY 3
#define HIE_REGULAR_FILE 4
#define HIE_SYMLINK 7
#define HIE_RIGHTS_READ ((1ull << 1) | (1ull << 2) | (1ull << 13) | (1ull << 14) | (1ull << 18) | (1ull << 21))

/* A list of paths: items[i] is NUL-terminated, lens[i] its length in bytes. */
typedef struct { const char **items; hie_u32 *lens; hie_u32 len, cap; } hie_paths;

static void hie_paths_add(hie_paths *l, const char *p, hie_u32 n) {
    if (l->len == l->cap) {
        hie_u32 cap = l->cap ? l->cap * 2 : 64;
        const char **items = hie_alloc(cap * sizeof(char *));
        hie_u32 *lens = hie_alloc(cap * sizeof(hie_u32));
        if (l->len) {
            memcpy(items, l->items, l->len * sizeof(char *));
            memcpy(lens, l->lens, l->len * sizeof(hie_u32));
        }
        l->items = items;
        l->lens = lens;
        l->cap = cap;
    }
    l->items[l->len] = p;
    l->lens[l->len++] = n;
}

/* a + sep + b, NUL-terminated, on the heap */
static char *hie_join(const char *a, hie_u32 an, const char *sep, const char *b, hie_u32 bn, hie_u32 *n) {
    hie_u32 sn = hie_strlen(sep);
    char *p = hie_alloc(an + sn + bn + 1);
    memcpy(p, a, an);
    memcpy(p + an, sep, sn);
    memcpy(p + an + sn, b, bn);
    p[an + sn + bn] = 0;
    *n = an + sn + bn;
    return p;
}

/* The preopened folder that is the call's workspace; -1 (and an error recorded) when the module was not granted it. */
static int hie_workspace_fd(hie_call *c) {
    hie_u32 wlen = hie_strlen(c->workspace);
    for (hie_u32 fd = 3; fd < 64; fd++) {
        hie_u32 prestat[2];
        if (hie_wasi_fd_prestat_get(fd, prestat) != 0) break;
        if ((prestat[0] & 0xFF) != 0) continue;
        hie_u32 n = prestat[1];
        char *name = hie_alloc(n + 1);
        if (hie_wasi_fd_prestat_dir_name(fd, name, n) != 0) continue;
        while (n > 1 && name[n - 1] == 0) n--;
        name[n] = 0;
        if (wlen > 0 && n == wlen && hie_eq(name, n, c->workspace)) return (int)fd;
    }
    if (!c->error) {
        hie_buf m = {0, 0, 0};
        hie_buf_str(&m, c->function->name);
        hie_buf_str(&m, ": the workspace cannot be read: grant filesystem = [\"read\"] in this library's "
                        "[libraries.NAME.permissions] table in hielements.toml");
        hie_buf_put(&m, "", 1);
        c->error = m.data;
    }
    return -1;
}

static hie_u8 hie_type_at(hie_u32 dirfd, const char *rel, hie_u32 n) {
    hie_u64 stat[8];
    if (hie_wasi_path_filestat_get(dirfd, 0, rel, n, stat) != 0) return HIE_MISSING;
    return ((hie_u8 *)stat)[16];
}

/* The type of a path of the workspace, without following a link: HIE_DIRECTORY, HIE_REGULAR_FILE, HIE_SYMLINK,
 * another WASI filetype, or HIE_MISSING; HIE_MISSING and an error recorded when the workspace cannot be read. */
static int hie_path_type(hie_call *c, const char *rel) {
    hie_u32 n = hie_strlen(rel);
    if (n == 0) rel = ".", n = 1;
    int fd = hie_workspace_fd(c);
    return fd < 0 ? HIE_MISSING : hie_type_at((hie_u32)fd, rel, n);
}

/* Byte order: UTF-8 keeps the order of code points. */
static int hie_path_cmp(const char *a, hie_u32 an, const char *b, hie_u32 bn) {
    hie_u32 n = an < bn ? an : bn;
    for (hie_u32 i = 0; i < n; i++) if (a[i] != b[i]) return (hie_u8)a[i] < (hie_u8)b[i] ? -1 : 1;
    return an == bn ? 0 : an < bn ? -1 : 1;
}

static void hie_paths_sort(hie_paths *l) {
    hie_u32 n = l->len;
    if (n < 2) return;
    const char **ti = hie_alloc(n * sizeof(char *));
    hie_u32 *tl = hie_alloc(n * sizeof(hie_u32));
    for (hie_u32 width = 1; width < n; width *= 2) {
        for (hie_u32 lo = 0; lo < n; lo += 2 * width) {
            hie_u32 mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            hie_u32 i = lo, j = mid, k = lo;
            while (i < mid || j < hi) {
                int right = i >= mid || (j < hi && hie_path_cmp(l->items[j], l->lens[j], l->items[i], l->lens[i]) < 0);
                hie_u32 s = right ? j++ : i++;
                ti[k] = l->items[s];
                tl[k++] = l->lens[s];
            }
        }
        memcpy(l->items, ti, n * sizeof(char *));
        memcpy(l->lens, tl, n * sizeof(hie_u32));
    }
}

static void hie_walk_into(hie_u32 dirfd, const char *rel, hie_u32 rn, const char *full, hie_u32 fn, hie_paths *out) {
    hie_u32 fd;
    if (hie_wasi_path_open(dirfd, 0, rel, rn, 2 /* directory */, HIE_RIGHTS_READ, HIE_RIGHTS_READ, 0, &fd) != 0) return;
    hie_paths dirs = {0, 0, 0, 0};
    hie_u32 size = 64 * 1024;
    hie_u8 *b = hie_alloc(size);
    hie_u64 cookie = 0;
    for (;;) {
        hie_u32 used = 0, off = 0;
        int progressed = 0;
        if (hie_wasi_fd_readdir(fd, b, size, cookie, &used) != 0) break;
        while (off + 24 <= used) {
            hie_u64 next;
            hie_u32 namlen;
            memcpy(&next, b + off, 8);
            memcpy(&namlen, b + off + 16, 4);
            if (off + 24 + namlen > used) break;
            const char *name = (const char *)b + off + 24;
            off += 24 + namlen;
            cookie = next;
            progressed = 1;
            if ((namlen == 1 && name[0] == '.') || (namlen == 2 && name[0] == '.' && name[1] == '.')) continue;
            hie_u32 cn, an;
            char *child = rn == 1 && rel[0] == '.' ? hie_join("", 0, "", name, namlen, &cn)
                                                   : hie_join(rel, rn, "/", name, namlen, &cn);
            /* readdir may report a link as its target's type: asked again without following it */
            hie_u8 type = hie_type_at(dirfd, child, cn);
            if (type == HIE_DIRECTORY) hie_paths_add(&dirs, child, cn);
            else if (type == HIE_REGULAR_FILE) {
                char *abs = hie_join(full, fn, "/", name, namlen, &an);
                hie_paths_add(out, abs, an);
            }
        }
        if (used < size || !progressed) break;
    }
    hie_wasi_fd_close(fd);
    for (hie_u32 i = 0; i < dirs.len; i++) {
        hie_u32 an;
        const char *base = dirs.items[i] + (rn == 1 && rel[0] == '.' ? 0 : rn + 1);
        char *abs = hie_join(full, fn, "/", base, dirs.lens[i] - (hie_u32)(base - dirs.items[i]), &an);
        hie_walk_into(dirfd, dirs.items[i], dirs.lens[i], abs, an, out);
    }
}

/* Every regular file under a folder of the workspace, as absolute paths sorted in byte order, added to out; links
 * are not followed. 0 (and an error recorded) when the workspace cannot be read; a missing folder adds nothing. */
static int hie_walk(hie_call *c, const char *rel, hie_paths *out) {
    hie_u32 rn = hie_strlen(rel), wn = hie_strlen(c->workspace), fn;
    int fd = hie_workspace_fd(c);
    if (fd < 0) return 0;
    hie_paths found = {0, 0, 0, 0};
    const char *full = rn == 0 || (rn == 1 && rel[0] == '.') ? hie_join(c->workspace, wn, "", "", 0, &fn)
                                                             : hie_join(c->workspace, wn, "/", rel, rn, &fn);
    if (rn == 0) rel = ".", rn = 1;
    hie_walk_into((hie_u32)fd, rel, rn, full, fn, &found);
    hie_paths_sort(&found);
    for (hie_u32 i = 0; i < found.len; i++) hie_paths_add(out, found.items[i], found.lens[i]);
    return 1;
}

/* The bytes of a regular file of the workspace, NUL-terminated (*n their number); 0 when it cannot be read (an
 * error recorded: the workspace not granted, or the file missing or not a regular file). */
static const char *hie_read_file(hie_call *c, const char *rel, hie_u32 *n) {
    hie_u32 rn = hie_strlen(rel), fd;
    int dir = hie_workspace_fd(c);
    if (dir < 0) return 0;
    if (hie_type_at((hie_u32)dir, rel, rn) != HIE_REGULAR_FILE
        || hie_wasi_path_open((hie_u32)dir, 0, rel, rn, 0, HIE_RIGHTS_READ, 0, 0, &fd) != 0) {
        if (!c->error) {
            hie_buf m = {0, 0, 0};
            hie_buf_str(&m, c->function->name);
            hie_buf_str(&m, ": cannot read ");
            hie_buf_str(&m, rel);
            hie_buf_put(&m, "", 1);
            c->error = m.data;
        }
        return 0;
    }
    hie_buf b = {0, 0, 0};
    for (;;) {
        char chunk[4096];
        hie_u32 iov[2] = {(hie_u32)(hie_size)chunk, sizeof chunk}, got = 0;
        if (hie_wasi_fd_read(fd, iov, 1, &got) != 0 || got == 0) break;
        hie_buf_put(&b, chunk, got);
    }
    hie_wasi_fd_close(fd);
    hie_buf_put(&b, "", 1);
    *n = b.len - 1;
    return b.data;
}

/* ------------------------------------------------------------------ the network (docs/PLUGINS.md, "Network") */
/*
 * HTTP through the host, to the hosts hielements.toml grants the library ([libraries.NAME.permissions] network =
 * ["host:port"]) and no other: a module that calls these imports hielements.http_request. Every failure (a host not
 * granted, a redirect leaving the grant, a body over the limit, no answer in time) comes back as r.error, a message
 * to pass on with hie_error.
 */
__attribute__((import_module("hielements"), import_name("http_request")))
hie_u64 hie_host_http_request(const char *request, hie_u32 len);

typedef struct {
    const char *error;   /* 0 when the request was answered; else why not (NUL-terminated) */
    hie_i64 status;      /* the HTTP status */
    const char *body;    /* the body as text (NUL-terminated; body_len bytes) */
    hie_u32 body_len;
    hie_json *headers;   /* an object: header names in lower case, each value a string */
} hie_http_response;

/* An HTTP request: method ("GET", "POST", ...), an http or https URL, a body or 0. */
static hie_http_response hie_http(const char *method, const char *url, const char *body) {
    hie_http_response r = {0, 0, "", 0, 0};
    hie_buf q = {0, 0, 0};
    hie_buf_str(&q, "{\"method\":");
    hie_buf_jsonz(&q, method);
    hie_buf_str(&q, ",\"url\":");
    hie_buf_jsonz(&q, url);
    if (body) {
        hie_buf_str(&q, ",\"body\":");
        hie_buf_jsonz(&q, body);
    }
    hie_buf_str(&q, "}");
    hie_u64 packed = hie_host_http_request(q.data, q.len);
    const char *reply = (const char *)(hie_size)(hie_u32)packed;
    hie_parser ps = {reply, reply + (hie_u32)(packed >> 32), 0};
    hie_json *v = hie_value(&ps, 0);
    hie_json *e = hie_get(v, "error");
    if (ps.bad || !v || v->kind != HIE_OBJECT) { r.error = "http_request: the host's reply is not JSON"; return r; }
    if (e && e->kind == HIE_STRING) { r.error = e->str; return r; }
    hie_json *st = hie_get(v, "status");
    hie_json *b = hie_get(v, "body");
    r.status = st && st->kind == HIE_NUMBER ? st->num : 0;
    if (b && b->kind == HIE_STRING) { r.body = b->str; r.body_len = b->len; }
    r.headers = hie_get(v, "headers");
    return r;
}

/* GET url */
static hie_http_response hie_http_get(const char *url) { return hie_http("GET", url, 0); }

/* ------------------------------------------------------------------ generated exports */

static hie_u64 hie_packed(hie_buf *b) {
    hie_reply_ptr = (hie_u32)(hie_size)b->data;
    return (hie_u64)b->len << 32 | (hie_u64)(hie_u32)(hie_size)b->data;
}

/* The number of parameters of a declaration ("a: t: d; b: t: d" has 2). */
static hie_u32 hie_param_count(const char *p) {
    hie_u32 n = 0;
    int any = 0;
    for (; *p; p++) {
        if (*p == ';') { n++; any = 0; }
        else if (*p != ' ') any = 1;
    }
    return n + (hie_u32)any;
}

/* The text of a field from a to b, spaces trimmed, as JSON. */
static void hie_field(hie_buf *b, const char *s, const char *e) {
    while (s < e && *s == ' ') s++;
    while (e > s && e[-1] == ' ') e--;
    hie_buf_json(b, s, (hie_u32)(e - s));
}

static void hie_params_json(hie_buf *b, const char *p) {
    int first = 1;
    hie_buf_str(b, "[");
    while (*p) {
        const char *end = p;
        while (*end && *end != ';') end++;
        const char *f[4] = {p, p, p, end};
        int k = 1;
        for (const char *q = p; q < end && k < 3; q++) if (*q == ':') f[k++] = q + 1;
        const char *name_end = k > 1 ? f[1] - 1 : end;
        const char *type_end = k > 2 ? f[2] - 1 : end;
        const char *s;
        for (s = p; s < end && *s == ' '; s++) {}
        if (s < end) {
            if (!first) hie_buf_str(b, ",");
            first = 0;
            hie_buf_str(b, "{\"name\":");
            hie_field(b, p, name_end);
            hie_buf_str(b, ",\"type\":");
            if (k > 1) hie_field(b, f[1], type_end); else hie_buf_str(b, "\"any\"");
            hie_buf_str(b, ",\"description\":");
            if (k > 2) hie_field(b, f[2], end); else hie_buf_str(b, "\"\"");
            hie_buf_str(b, "}");
        }
        p = *end ? end + 1 : end;
    }
    hie_buf_str(b, "]");
}

/* The table of HIE_FUNCTIONS, set by each generated export. */
static const hie_function *hie_table;
static hie_u32 hie_table_n;

static const hie_function *hie_find(const char *name, hie_u32 len, int is_check) {
    for (hie_u32 i = 0; i < hie_table_n; i++)
        if (hie_table[i].is_check == is_check && hie_eq(name, len, hie_table[i].name)) return &hie_table[i];
    return 0;
}

static void hie_names(hie_buf *b, int is_check) {
    int first = 1;
    hie_buf_str(b, "[");
    for (hie_u32 i = 0; i < hie_table_n; i++) {
        if (hie_table[i].is_check != is_check) continue;
        if (!first) hie_buf_str(b, ",");
        first = 0;
        hie_buf_jsonz(b, hie_table[i].name);
    }
    hie_buf_str(b, "]");
}

static void hie_docs(hie_buf *b, int is_check) {
    int first = 1;
    hie_buf_str(b, "[");
    for (hie_u32 i = 0; i < hie_table_n; i++) {
        const hie_function *f = &hie_table[i];
        if (f->is_check != is_check) continue;
        if (!first) hie_buf_str(b, ",");
        first = 0;
        hie_buf_str(b, "{\"name\":");
        hie_buf_jsonz(b, f->name);
        hie_buf_str(b, ",\"description\":");
        hie_buf_jsonz(b, f->description);
        hie_buf_str(b, ",\"parameters\":");
        hie_params_json(b, f->params);
        hie_buf_str(b, ",\"return_type\":");
        hie_buf_jsonz(b, f->return_type);
        hie_buf_str(b, ",\"example\":");
        hie_buf_jsonz(b, f->example);
        hie_buf_str(b, "}");
    }
    hie_buf_str(b, "]");
}

static hie_u64 hie_dispatch(const char *req, hie_u32 len, int is_check) {
    hie_call c;
    memset(&c, 0, sizeof c);
    hie_parser ps = {req, req + len, 0};
    hie_json *root = hie_value(&ps, 0);
    hie_json *fn = hie_get(root, "function");
    hie_json *args = hie_get(root, "args");
    hie_json *ws = hie_get(root, "workspace");
    if (ps.bad || !fn || fn->kind != HIE_STRING) {
        hie_error(&c, "the request is not {\"function\": ..., \"args\": [...]} JSON");
        return hie_packed(&c.out);
    }
    const hie_function *f = hie_find(fn->str, fn->len, is_check);
    if (!f) {
        hie_buf m = {0, 0, 0};
        hie_buf_str(&m, is_check ? "unknown check: " : "unknown selector: ");
        hie_buf_put(&m, fn->str, fn->len);
        hie_buf_put(&m, "", 1);
        hie_error(&c, m.data);
        return hie_packed(&c.out);
    }
    hie_u32 want = hie_param_count(f->params);
    hie_u32 got = args && args->kind == HIE_ARRAY ? args->count : 0;
    if (got != want) {
        hie_buf m = {0, 0, 0};
        hie_buf_str(&m, f->name);
        hie_buf_str(&m, ": expected ");
        hie_buf_int(&m, want);
        hie_buf_str(&m, want == 1 ? " argument, got " : " arguments, got ");
        hie_buf_int(&m, got);
        hie_buf_put(&m, "", 1);
        hie_error(&c, m.data);
        return hie_packed(&c.out);
    }
    c.function = f;
    c.args = args;
    c.workspace = ws && ws->kind == HIE_STRING ? ws->str : "";
    hie_in_call = 1;
    f->fn(&c);
    hie_in_call = 0;
    if (c.error) {
        hie_error(&c, c.error);
    } else if (c.answered != 1) {
        hie_buf m = {0, 0, 0};
        hie_buf_str(&m, f->name);
        hie_buf_str(&m, c.answered ? ": the scope was not ended (hie_scope_end)" : ": the plugin gave no reply");
        hie_buf_put(&m, "", 1);
        hie_error(&c, m.data);
    }
    return hie_packed(&c.out);
}

#define HIE_USE_TABLE() (hie_table = hie_functions, hie_table_n = sizeof hie_functions / sizeof hie_functions[0])

#define HIE_LIBRARY(lib_name, lib_version, lib_description)                                       \
    HIE_EXPORT("library_call") hie_u64 library_call(const char *req, hie_u32 len) {              \
        HIE_USE_TABLE();                                                                        \
        return hie_dispatch(req, len, 0);                                                       \
    }                                                                                           \
    HIE_EXPORT("library_check") hie_u64 library_check(const char *req, hie_u32 len) {            \
        HIE_USE_TABLE();                                                                        \
        return hie_dispatch(req, len, 1);                                                       \
    }                                                                                           \
    HIE_EXPORT("library_metadata") hie_u64 library_metadata(void) {                              \
        HIE_USE_TABLE();                                                                        \
        hie_mark();                                                                             \
        hie_buf b = {0, 0, 0};                                                                  \
        hie_buf_str(&b, "{\"name\":");                                                          \
        hie_buf_jsonz(&b, lib_name);                                                            \
        hie_buf_str(&b, ",\"version\":");                                                       \
        hie_buf_jsonz(&b, lib_version);                                                         \
        hie_buf_str(&b, ",\"functions\":");                                                     \
        hie_names(&b, 0);                                                                       \
        hie_buf_str(&b, ",\"checks\":");                                                        \
        hie_names(&b, 1);                                                                       \
        hie_buf_str(&b, "}");                                                                   \
        return hie_packed(&b);                                                                  \
    }                                                                                           \
    HIE_EXPORT("library_doc") hie_u64 library_doc(void) {                                        \
        HIE_USE_TABLE();                                                                        \
        hie_mark();                                                                             \
        hie_buf b = {0, 0, 0};                                                                  \
        hie_buf_str(&b, "{\"name\":");                                                          \
        hie_buf_jsonz(&b, lib_name);                                                            \
        hie_buf_str(&b, ",\"description\":");                                                   \
        hie_buf_jsonz(&b, lib_description);                                                     \
        hie_buf_str(&b, ",\"version\":");                                                       \
        hie_buf_jsonz(&b, lib_version);                                                         \
        hie_buf_str(&b, ",\"functions\":");                                                     \
        hie_docs(&b, 0);                                                                        \
        hie_buf_str(&b, ",\"checks\":");                                                        \
        hie_docs(&b, 1);                                                                        \
        hie_buf_str(&b, "}");                                                                   \
        return hie_packed(&b);                                                                  \
    }

#endif
