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
void *memcpy(void *dst, const void *src, hie_size n) {
    hie_u8 *d = dst;
    const hie_u8 *s = src;
    while (n--) *d++ = *s++;
    return dst;
}
void *memset(void *dst, int c, hie_size n) {
    hie_u8 *d = dst;
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

HIE_EXPORT("alloc") void *alloc(hie_u32 n) {
    void *p = hie_alloc(n);
    hie_call_mark = (hie_u32)(hie_size)p;
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

/* s as a JSON string literal, quotes included. */
static void hie_buf_json(hie_buf *b, const char *s, hie_u32 n) {
    static const char hex[] = "0123456789abcdef";
    hie_buf_put(b, "\"", 1);
    for (hie_u32 i = 0; i < n; i++) {
        hie_u8 c = (hie_u8)s[i];
        if (c == '"' || c == '\\') { char e[2] = {'\\', (char)c}; hie_buf_put(b, e, 2); }
        else if (c == '\n') hie_buf_put(b, "\\n", 2);
        else if (c == '\t') hie_buf_put(b, "\\t", 2);
        else if (c < 0x20) { char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]}; hie_buf_put(b, e, 6); }
        else hie_buf_put(b, (const char *)&s[i], 1);
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
    hie_buf b = {0, 0, 0};
    ps->p++; /* the opening quote */
    while (ps->p < ps->end && *ps->p != '"') {
        char c = *ps->p++;
        if (c != '\\') { hie_buf_put(&b, &c, 1); continue; }
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
        hie_i64 n = 0;
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') n = n * 10 + (*ps->p++ - '0');
        while (ps->p < ps->end && (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E' || *ps->p == '+'
                                   || *ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))) ps->p++;
        v->kind = HIE_NUMBER;
        v->num = neg ? -n : n;
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

/* One call: its function, arguments and workspace; its reply. */
struct hie_call {
    const hie_function *function;
    hie_json *args;            /* an array */
    const char *workspace;     /* the absolute workspace folder, "" when not sent */
    hie_buf out;
    int answered;
};

/* The i-th argument as a JSON value ({"String":"src"}, {"Int":3}, {"Scope":{...}}, true, null...), or 0. */
static hie_json *hie_arg(hie_call *c, hie_u32 i) { return hie_at(c->args, i); }

/* The payload of a tagged value: hie_tagged(v, "String") of {"String":"x"} is the string "x"; else 0. */
static hie_json *hie_tagged(const hie_json *v, const char *tag) {
    if (!v || v->kind != HIE_OBJECT || v->count != 1) return 0;
    return hie_eq(v->first->key, v->first->keylen, tag) ? v->first : 0;
}

/* The i-th argument's text ({"String":...}), NUL-terminated; "" when it is not a string. */
static const char *hie_arg_string(hie_call *c, hie_u32 i) {
    hie_json *s = hie_tagged(hie_arg(c, i), "String");
    return s && s->kind == HIE_STRING ? s->str : "";
}
/* Its length in bytes (UTF-8). */
static hie_u32 hie_arg_len(hie_call *c, hie_u32 i) {
    hie_json *s = hie_tagged(hie_arg(c, i), "String");
    return s && s->kind == HIE_STRING ? s->len : 0;
}
/* The i-th argument as an integer ({"Int":n}); 0 when it is not one. */
static hie_i64 hie_arg_int(hie_call *c, hie_u32 i) {
    hie_json *n = hie_tagged(hie_arg(c, i), "Int");
    return n && n->kind == HIE_NUMBER ? n->num : 0;
}
/* The i-th argument as a boolean. */
static int hie_arg_bool(hie_call *c, hie_u32 i) {
    hie_json *b = hie_arg(c, i);
    return b && b->kind == HIE_BOOL && b->num;
}
/* The paths of the i-th argument, a scope ({"Scope":{"paths":[...]}}): an array of strings, or 0. */
static hie_json *hie_arg_scope_paths(hie_call *c, hie_u32 i) {
    hie_json *p = hie_get(hie_tagged(hie_arg(c, i), "Scope"), "paths");
    return p && p->kind == HIE_ARRAY ? p : 0;
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
    f->fn(&c);
    if (c.answered != 1) {
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
