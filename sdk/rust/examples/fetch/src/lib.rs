//! fetch: an example plugin that reads a web page through the host (`hielements_plugin::http_get`). Granted in
//! hielements.toml with `[libraries.fetch.permissions] network = ["host:port"]`. Build (Debian's rustc and cargo,
//! offline): `cargo build --release --target wasm32-unknown-unknown` (the module imports only hielements.http_request).

use hielements_plugin::{fail, http_get, pass, plugin, string, Call, Function, Reply};

fn body(call: &Call) -> Result<Reply, String> {
    Ok(string(&http_get(call.string(0)?)?.body))
}

fn status_is(call: &Call) -> Result<Reply, String> {
    let url = call.string(0)?;
    let want = call.int(1)?;
    let got = http_get(url)?.status as i64;
    Ok(if got == want { pass() } else { fail(&format!("{} answered {}, not {}", url, got, want)) })
}

static FUNCTIONS: &[Function] = &[
    Function::selector("body", body, "string", "The text of a web page.",
                       &[("url", "string", "an http or https URL the library is granted")],
                       "fetch.body('http://127.0.0.1:8080/status')"),
    Function::check("status_is", status_is, "Passes when a GET of a URL answers a status.",
                    &[("url", "string", "an http or https URL the library is granted"),
                      ("status", "integer", "the HTTP status")],
                    "fetch.status_is('http://127.0.0.1:8080/health', 200)"),
];

plugin!(name: "fetch", version: "0.1.0", description: "An example Rust plugin that reads web pages through the host.",
        functions: FUNCTIONS);
