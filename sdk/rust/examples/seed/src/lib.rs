use std::alloc::Layout; // CHANGE 1: `alloc` is no longer imported; it would clash with the exported `alloc` below
use std::slice;
use serde::{Deserialize, Serialize};
use serde_json;

#[derive(Deserialize)]
struct Request {
    function: String,
    args: Vec<serde_json::Value>,
    workspace: String,
}

#[derive(Serialize)]
struct ScopeResult {
    Scope: Scope,
}

#[derive(Serialize)]
struct Scope {
    kind: ScopeKind,
    paths: Vec<String>,
    resolved: bool,
}

#[derive(Serialize)]
// CHANGE 2: no #[serde(untagged)]: the protocol wants the kind tagged, {"Folder": "src"}, serde's default
enum ScopeKind {
    File(String),
    Folder(String),
    Glob(String),
}

#[no_mangle]
pub extern "C" fn alloc(size: i32) -> *mut u8 {
    let layout = Layout::from_size_align(size as usize, 1).unwrap();
    unsafe { std::alloc::alloc(layout) } // CHANGE 1: std's allocator by its full path
}

#[no_mangle]
pub extern "C" fn library_call(input_ptr: i32, input_len: i32) -> (i32, i32) {
    // Read input JSON from memory
    let input_bytes = unsafe {
        slice::from_raw_parts(input_ptr as *const u8, input_len as usize)
    };
    
    let request: Request = match serde_json::from_slice(input_bytes) {
        Ok(req) => req,
        Err(e) => return error_result(&format!("Failed to parse request: {}", e)),
    };
    
    // Handle the function call
    let result = match request.function.as_str() {
        "module_selector" => handle_module_selector(&request),
        _ => error_result(&format!("Unknown function: {}", request.function)),
    };
    
    result
}

fn handle_module_selector(request: &Request) -> (i32, i32) {
    // Extract path from args
    let path = request.args.get(0)
        .and_then(|v| v.get("String")) // CHANGE 3: an argument comes as {"String": "src"}
        .and_then(|v| v.as_str())
        .unwrap_or("");
    
    // Build scope result
    let scope = ScopeResult {
        Scope: Scope {
            kind: ScopeKind::Folder(path.to_string()),
            paths: scan(&std::path::Path::new(&request.workspace).join(path)), // CHANGE 4: scan the filesystem
            resolved: true,
        },
    };
    
    // Serialize to JSON
    let json = serde_json::to_string(&scope).unwrap();
    let bytes = json.as_bytes();
    
    // Allocate memory for result
    let result_ptr = alloc(bytes.len() as i32);
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            result_ptr,
            bytes.len()
        );
    }
    
    (result_ptr as i32, bytes.len() as i32)
}

// CHANGE 4: the files under a folder, through WASI (the host mounts the workspace read-only at its own path when
// hielements.toml grants filesystem = ["read"]); sorted, so the answer is the same on every run
fn scan(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() { out.extend(scan(&p)); } else { out.push(p.to_string_lossy().into_owned()); }
        }
    }
    out.sort();
    out
}

fn error_result(message: &str) -> (i32, i32) {
    let error = serde_json::json!({ "Error": message });
    let json = error.to_string();
    let bytes = json.as_bytes();
    
    let result_ptr = alloc(bytes.len() as i32);
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            result_ptr,
            bytes.len()
        );
    }
    
    (result_ptr as i32, bytes.len() as i32)
}

#[no_mangle]
pub extern "C" fn library_check(input_ptr: i32, input_len: i32) -> (i32, i32) {
    // Similar implementation for checks
    // Return {"Pass": null}, {"Fail": "message"}, or {"Error": "message"}
    let _ = (input_ptr, input_len);
    error_result("this plugin has no checks yet") // CHANGE 5: a reply, where (0, 0) is no reply at all
}
