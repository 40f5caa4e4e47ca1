//! Write a Hielements WASM plugin in Rust (versioned with the host; docs/PLUGINS.md is the ABI it implements).
//!
//! A plugin is its functions, each declared once with its documentation; [`plugin!`] writes the exports: `memory`,
//! `alloc`, `dealloc`, `library_call` and `library_check` (the packed shape, `(ptr, len) -> i64`),
//! `library_metadata` and `library_doc` (generated from the declarations). The request is parsed, the function found
//! and its number of arguments checked (a wrong call is an error naming the function), and each reply turned into
//! upstream's JSON.
//!
//! ```ignore
//! use hielements_plugin::{plugin, Call, Function, Reply};
//!
//! fn greeting(call: &Call) -> Result<Reply, String> {
//!     Ok(hielements_plugin::string(&format!("hello, {}", call.string(0)?)))
//! }
//! static FUNCTIONS: &[Function] = &[
//!     Function::selector("greeting", greeting, "string", "Gives a greeting.",
//!                        &[("name", "string", "who is greeted")], "tiny.greeting('Ada')"),
//! ];
//! plugin!(name: "tiny", version: "0.1.0", description: "A tiny library.", functions: FUNCTIONS);
//! ```
//!
//! Built with Debian's rustc 1.63 and cargo, offline (`.cargo/config.toml` points at `/usr/share/cargo/registry`):
//! `cargo build --release --target wasm32-wasi` (the [`walk`] and [`read_file`] helpers read the workspace through
//! WASI when `hielements.toml` grants `filesystem = ["read"]`), or `--target wasm32-unknown-unknown` for a module that
//! imports nothing (those helpers then answer an error).

pub use serde_json;
pub use serde_json::json;

/// A reply value: build it with [`string`], [`int`], [`float`], [`boolean`], [`list`], [`scope`], [`pass`], [`fail`],
/// [`fail_at`].
pub type Reply = serde_json::Value;

/// Whether a function is a selector (gives a value) or a check (passes or fails).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Selector,
    Check,
}

/// One function of the plugin: its code and its documentation.
pub struct Function {
    pub name: &'static str,
    pub kind: Kind,
    pub run: fn(&Call) -> Result<Reply, String>,
    pub return_type: &'static str,
    pub description: &'static str,
    /// `(name, type, description)` of each parameter.
    pub params: &'static [(&'static str, &'static str, &'static str)],
    pub example: &'static str,
}

impl Function {
    /// A selector returning a value of `return_type` ("Scope", "string", "integer", "boolean", "list").
    pub const fn selector(name: &'static str, run: fn(&Call) -> Result<Reply, String>, return_type: &'static str,
                          description: &'static str, params: &'static [(&'static str, &'static str, &'static str)],
                          example: &'static str) -> Function {
        Function { name, kind: Kind::Selector, run, return_type, description, params, example }
    }

    /// A check: its code replies [`pass`] or [`fail`].
    pub const fn check(name: &'static str, run: fn(&Call) -> Result<Reply, String>, description: &'static str,
                       params: &'static [(&'static str, &'static str, &'static str)], example: &'static str) -> Function {
        Function { name, kind: Kind::Check, run, return_type: "CheckResult", description, params, example }
    }
}

/// The library: what [`plugin!`] declares.
pub struct Library {
    pub name: &'static str,
    pub version: &'static str,
    pub description: &'static str,
    pub functions: &'static [Function],
}

/// One call: the function's name, its arguments (upstream's JSON values) and the absolute workspace folder.
pub struct Call {
    pub function: String,
    pub args: Vec<serde_json::Value>,
    pub workspace: String,
}

impl Call {
    /// The i-th argument, as sent.
    pub fn arg(&self, i: usize) -> Result<&serde_json::Value, String> {
        self.args.get(i).ok_or_else(|| format!("{}: argument {} is missing", self.function, i + 1))
    }

    /// "FUNCTION: argument N must be WHAT", the wording of every SDK.
    fn bad(&self, i: usize, what: &str) -> String {
        format!("{}: argument {} must be {}", self.function, i + 1, what)
    }

    /// The payload of `{tag: payload}` (an object with that one member).
    fn tagged(&self, i: usize, tag: &str) -> Option<&serde_json::Value> {
        let o = self.args.get(i)?.as_object()?;
        if o.len() == 1 { o.get(tag) } else { None }
    }

    /// The i-th argument as text (`{"String": "src"}`).
    pub fn string(&self, i: usize) -> Result<&str, String> {
        self.tagged(i, "String").and_then(|v| v.as_str()).ok_or_else(|| self.bad(i, "a string"))
    }

    /// The i-th argument as an integer (`{"Int": 3}`).
    pub fn int(&self, i: usize) -> Result<i64, String> {
        self.tagged(i, "Int").and_then(|v| v.as_i64()).ok_or_else(|| self.bad(i, "an integer"))
    }

    /// The i-th argument as a boolean (`true`/`false`).
    pub fn boolean(&self, i: usize) -> Result<bool, String> {
        self.args.get(i).and_then(|v| v.as_bool()).ok_or_else(|| self.bad(i, "true or false"))
    }

    /// The absolute paths of the i-th argument, a scope (`{"Scope": {"paths": [...]}}`).
    pub fn scope_paths(&self, i: usize) -> Result<Vec<&str>, String> {
        let paths = self.tagged(i, "Scope").and_then(|s| s.get("paths")).and_then(|p| p.as_array())
            .ok_or_else(|| self.bad(i, "a scope"))?;
        paths.iter().map(|p| p.as_str().ok_or_else(|| self.bad(i, "a scope"))).collect()
    }
}

/// `{"String": s}`
pub fn string(s: &str) -> Reply {
    json!({ "String": s })
}

/// `{"Int": n}`
pub fn int(n: i64) -> Reply {
    json!({ "Int": n })
}

/// `{"Float": x}`
pub fn float(x: f64) -> Reply {
    json!({ "Float": x })
}

/// `true` / `false`
pub fn boolean(b: bool) -> Reply {
    serde_json::Value::Bool(b)
}

/// `{"List": [...]}`
pub fn list(items: Vec<Reply>) -> Reply {
    json!({ "List": items })
}

/// A scope: `kind` is "File", "Folder" or "Glob", `value` its text; `paths` absolute, or relative to the workspace.
pub fn scope(kind: &str, value: &str, paths: Vec<String>) -> Reply {
    let mut k = serde_json::Map::new();
    k.insert(kind.to_string(), serde_json::Value::String(value.to_string()));
    json!({ "Scope": { "kind": k, "paths": paths, "resolved": true } })
}

/// A check's pass.
pub fn pass() -> Reply {
    json!({ "Pass": null })
}

/// A check's failure, with why.
pub fn fail(why: &str) -> Reply {
    json!({ "Fail": why })
}

/// A place in a workspace file that shows why a check failed (the offending import): the file (absolute, or
/// relative to the workspace), the 1-based line and column where it starts and where it ends (columns in Unicode
/// characters; an end of 0 means the end of the start line). See [`fail_at`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Place {
    /// The place from byte offsets `[start, end)` into `text`, the file's text.
    pub fn of(file: &str, text: &str, start: usize, end: usize) -> Place {
        let (line, column) = line_column(text, start);
        let (end_line, end_column) = line_column(text, end.max(start));
        Place { file: file.to_string(), line, column, end_line, end_column }
    }
}

/// The 1-based line and column (in Unicode characters) of byte offset `at` of `text` (lines end at LF, CRLF or CR).
pub fn line_column(text: &str, at: usize) -> (u32, u32) {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let mut line = 1u32;
    let mut start = 0usize;
    let mut i = 0usize;
    while i < at {
        match bytes[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' => {
                if i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                    i += 1;
                }
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let column = bytes[start.min(at)..at].iter().filter(|b| (**b & 0xC0) != 0x80).count() as u32 + 1;
    (line, column)
}

/// A check's failure with the places that show it: `{"Fail": stem, "evidence": [...]}`. The host writes the message
/// (`stem: file:line excerpt (and N more)`, the excerpt read from the file) and shows every place as a related
/// location; a host that predates evidence shows the stem.
pub fn fail_at(stem: &str, places: &[Place]) -> Reply {
    let evidence: Vec<serde_json::Value> = places.iter().map(|p| json!({
        "file": p.file, "line": p.line, "column": p.column, "end_line": p.end_line, "end_column": p.end_column,
    })).collect();
    json!({ "Fail": stem, "evidence": evidence })
}

/// What a path of the workspace is, its links not followed ([`path_type`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PathType {
    Missing,
    Directory,
    File,
    Symlink,
    Other,
}

/// An error unless the workspace can be read: the module built for wasm32-wasi and granted `filesystem = ["read"]`.
pub fn readable_workspace(call: &Call) -> Result<(), String> {
    if !call.workspace.is_empty() && std::fs::symlink_metadata(&call.workspace).is_ok() {
        return Ok(());
    }
    Err(format!("{}: the workspace cannot be read: grant filesystem = [\"read\"] in this library's \
        [libraries.NAME.permissions] table in hielements.toml", call.function))
}

/// The type of a path (absolute, or relative to the workspace) without following a link.
pub fn path_type(call: &Call, path: &str) -> Result<PathType, String> {
    readable_workspace(call)?;
    let p = std::path::Path::new(&call.workspace).join(path);
    Ok(match std::fs::symlink_metadata(p) {
        Err(_) => PathType::Missing,
        Ok(m) if m.file_type().is_symlink() => PathType::Symlink,
        Ok(m) if m.is_dir() => PathType::Directory,
        Ok(m) if m.is_file() => PathType::File,
        Ok(_) => PathType::Other,
    })
}

/// Every regular file under `folder` (absolute, or relative to the workspace), as absolute paths sorted in byte
/// order; links are not followed, a missing folder gives none. Through WASI, so the module is built for wasm32-wasi
/// and granted `filesystem = ["read"]` (else an error saying so).
pub fn walk(call: &Call, folder: &str) -> Result<Vec<String>, String> {
    walk_skipping(call, folder, &|_| false)
}

/// As [`walk`], without entering the folders whose name `skip` accepts (`node_modules`, `.git`).
pub fn walk_skipping(call: &Call, folder: &str, skip: &dyn Fn(&str) -> bool) -> Result<Vec<String>, String> {
    readable_workspace(call)?;
    let root = std::path::Path::new(&call.workspace).join(folder);
    let root = if folder.is_empty() || folder == "." { std::path::PathBuf::from(&call.workspace) } else { root };
    let mut out = Vec::new();
    walk_into(&root, skip, &mut out);
    out.sort();
    Ok(out)
}

fn walk_into(dir: &std::path::Path, skip: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(_) => return,
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {
                if !skip(&entry.file_name().to_string_lossy()) {
                    walk_into(&path, skip, out);
                }
            }
            Ok(m) if m.is_file() => out.push(path.to_string_lossy().into_owned()),
            _ => {}
        }
    }
}

/// The text of a file (absolute, or relative to the workspace), through WASI.
pub fn read_file(call: &Call, path: &str) -> Result<String, String> {
    let p = std::path::Path::new(&call.workspace).join(path);
    std::fs::read_to_string(&p).map_err(|e| format!("{}: cannot read {}: {}", call.function, p.display(), e))
}

/// An HTTP response ([`http_request`]).
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers, names in lower case.
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// The body, as text (UTF-8; malformed bytes replaced).
    pub body: String,
}

#[link(wasm_import_module = "hielements")]
extern "C" {
    #[link_name = "http_request"]
    fn host_http_request(ptr: *const u8, len: u32) -> u64;
}

/// An HTTP request through the host (docs/PLUGINS.md, "Network"), to the hosts `hielements.toml` grants the library
/// (`[libraries.NAME.permissions] network = ["host:port"]`) and no other; a module that calls it imports
/// `hielements.http_request`. `method` is "GET", "POST", ...; `url` an http or https URL. Every failure (a host not
/// granted, a redirect leaving the grant, a body over the limit, no answer in time) is the `Err`, a message to pass
/// on.
pub fn http_request(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>)
                    -> Result<HttpResponse, String> {
    let mut h = serde_json::Map::new();
    for (name, value) in headers {
        h.insert(name.to_string(), serde_json::Value::String(value.to_string()));
    }
    let mut request = json!({ "method": method, "url": url, "headers": h });
    if let Some(b) = body {
        request["body"] = serde_json::Value::String(b.to_string());
    }
    let bytes = request.to_string().into_bytes();
    let packed = unsafe { host_http_request(bytes.as_ptr(), bytes.len() as u32) };
    let (ptr, len) = (packed as u32 as *mut u8, (packed >> 32) as u32);
    // the host wrote the reply into a block from this module's alloc: read it, then give it back
    let reply: Result<serde_json::Value, _> =
        serde_json::from_slice(unsafe { std::slice::from_raw_parts(ptr, len as usize) });
    unsafe { abi::dealloc(ptr, len) };
    let reply = reply.map_err(|e| format!("http_request: the host's reply is not JSON: {}", e))?;
    if let Some(e) = reply.get("error").and_then(|e| e.as_str()) {
        return Err(e.to_string());
    }
    Ok(HttpResponse {
        status: reply.get("status").and_then(|s| s.as_u64()).unwrap_or(0) as u16,
        headers: reply.get("headers").and_then(|h| h.as_object()).cloned().unwrap_or_default(),
        body: reply.get("body").and_then(|b| b.as_str()).unwrap_or("").to_string(),
    })
}

/// `GET url` through the host ([`http_request`]).
pub fn http_get(url: &str) -> Result<HttpResponse, String> {
    http_request("GET", url, &[], None)
}

/// The ABI, used by the exports [`plugin!`] writes.
pub mod abi {
    use super::{json, Call, Kind, Library};
    use std::alloc::Layout;

    fn layout(len: u32) -> Layout {
        Layout::from_size_align(len.max(1) as usize, 1).unwrap()
    }

    /// `len` bytes for the host to write.
    pub fn alloc(len: u32) -> *mut u8 {
        unsafe { std::alloc::alloc(layout(len)) }
    }

    /// Frees what [`alloc`] gave, or a reply.
    ///
    /// # Safety
    /// `ptr` and `len` must be those of a block from [`alloc`] or a reply, freed once.
    pub unsafe fn dealloc(ptr: *mut u8, len: u32) {
        std::alloc::dealloc(ptr, layout(len))
    }

    fn packed(text: String) -> u64 {
        let bytes = text.into_bytes();
        let p = alloc(bytes.len() as u32);
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
        (bytes.len() as u64) << 32 | (p as u32 as u64)
    }

    fn error(message: &str) -> u64 {
        packed(json!({ "error": { "code": -32000, "message": message } }).to_string())
    }

    /// `library_call` (selectors) and `library_check` (checks).
    ///
    /// # Safety
    /// `ptr` and `len` must be the request the host wrote.
    pub unsafe fn call(lib: &Library, ptr: *const u8, len: u32, kind: Kind) -> u64 {
        let bytes = std::slice::from_raw_parts(ptr, len as usize);
        let request: serde_json::Value = match serde_json::from_slice(bytes) {
            Ok(v) => v,
            Err(e) => return error(&format!("the request is not JSON: {}", e)),
        };
        let name = request.get("function").and_then(|f| f.as_str()).unwrap_or("");
        let f = match lib.functions.iter().find(|f| f.kind == kind && f.name == name) {
            Some(f) => f,
            None => return error(&format!("unknown {}: {}",
                                          if kind == Kind::Check { "check" } else { "selector" }, name)),
        };
        let args = request.get("args").and_then(|a| a.as_array()).cloned().unwrap_or_default();
        if args.len() != f.params.len() {
            return error(&format!("{}: expected {} argument{}, got {}", f.name, f.params.len(),
                                  if f.params.len() == 1 { "" } else { "s" }, args.len()));
        }
        let call = Call {
            function: f.name.to_string(),
            args,
            workspace: request.get("workspace").and_then(|w| w.as_str()).unwrap_or("").to_string(),
        };
        match (f.run)(&call) {
            Ok(reply) => packed(reply.to_string()),
            Err(message) => error(&message),
        }
    }

    fn names(lib: &Library, kind: Kind) -> Vec<&'static str> {
        lib.functions.iter().filter(|f| f.kind == kind).map(|f| f.name).collect()
    }

    fn docs(lib: &Library, kind: Kind) -> Vec<serde_json::Value> {
        lib.functions.iter().filter(|f| f.kind == kind).map(|f| json!({
            "name": f.name,
            "description": f.description,
            "parameters": f.params.iter().map(|(n, t, d)| json!({"name": n, "type": t, "description": d}))
                .collect::<Vec<_>>(),
            "return_type": f.return_type,
            "example": f.example,
        })).collect()
    }

    /// `library_metadata`
    pub fn metadata(lib: &Library) -> u64 {
        packed(json!({ "name": lib.name, "version": lib.version, "functions": names(lib, Kind::Selector),
                       "checks": names(lib, Kind::Check) }).to_string())
    }

    /// `library_doc`
    pub fn doc(lib: &Library) -> u64 {
        packed(json!({ "name": lib.name, "description": lib.description, "version": lib.version,
                       "functions": docs(lib, Kind::Selector), "checks": docs(lib, Kind::Check) }).to_string())
    }
}

/// Declares the library and writes its exports; once per plugin, with a `static` slice of [`Function`]s.
#[macro_export]
macro_rules! plugin {
    (name: $name:expr, version: $version:expr, description: $description:expr, functions: $functions:expr $(,)?) => {
        static HIELEMENTS_LIBRARY: $crate::Library = $crate::Library {
            name: $name, version: $version, description: $description, functions: $functions,
        };

        // A WASI reactor: the host runs `_initialize` once per instance. Naming `__wasm_call_ctors` here keeps the
        // linker from wrapping every export in the constructors and destructors (a command module's shape), which
        // re-read the preopened folders on each call and cost a millisecond a call.
        extern "C" {
            fn __wasm_call_ctors();
        }

        #[no_mangle]
        pub extern "C" fn _initialize() {
            unsafe { __wasm_call_ctors() }
        }

        #[no_mangle]
        pub extern "C" fn alloc(len: u32) -> *mut u8 {
            $crate::abi::alloc(len)
        }

        /// # Safety
        /// Called by the host with a block it was given.
        #[no_mangle]
        pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: u32) {
            $crate::abi::dealloc(ptr, len)
        }

        /// # Safety
        /// Called by the host with the request it wrote.
        #[no_mangle]
        pub unsafe extern "C" fn library_call(ptr: *const u8, len: u32) -> u64 {
            $crate::abi::call(&HIELEMENTS_LIBRARY, ptr, len, $crate::Kind::Selector)
        }

        /// # Safety
        /// Called by the host with the request it wrote.
        #[no_mangle]
        pub unsafe extern "C" fn library_check(ptr: *const u8, len: u32) -> u64 {
            $crate::abi::call(&HIELEMENTS_LIBRARY, ptr, len, $crate::Kind::Check)
        }

        #[no_mangle]
        pub extern "C" fn library_metadata() -> u64 {
            $crate::abi::metadata(&HIELEMENTS_LIBRARY)
        }

        #[no_mangle]
        pub extern "C" fn library_doc() -> u64 {
            $crate::abi::doc(&HIELEMENTS_LIBRARY)
        }
    };
}
