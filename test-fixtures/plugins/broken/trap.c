/*
 * A WASM plugin that loads (its exports have the ABI's shapes) but traps on every call: what
 * `hielements libraries` reports as "the first error of a trial call". Build: ./build.sh
 */
typedef unsigned int u32;
typedef struct { u32 ptr; u32 len; } reply_t;

extern unsigned char __heap_base;

__attribute__((export_name("alloc"))) u32 alloc(u32 size) {
    (void)size;
    return (u32)(unsigned long)&__heap_base;
}

__attribute__((export_name("library_call"))) reply_t library_call(u32 ptr, u32 len) {
    (void)ptr;
    (void)len;
    __builtin_trap();
}

__attribute__((export_name("library_check"))) reply_t library_check(u32 ptr, u32 len) {
    (void)ptr;
    (void)len;
    __builtin_trap();
}
