/* fetch: an example plugin that reads a web page through the host (sdk/c/hielements_plugin.h, hie_http_get). Granted
 * in hielements.toml with [libraries.fetch.permissions] network = ["host:port"]. Build: ./build.sh (gives fetch.wasm). */
#include "../../hielements_plugin.h"

/* body(url) -> the text of the page at url; an error when it cannot be had */
static void body(hie_call *c) {
    const char *url = hie_arg_string(c, 0);
    if (!hie_ok(c)) return;
    hie_http_response r = hie_http_get(url);
    if (r.error) { hie_error(c, r.error); return; }
    hie_reply_string(c, r.body);
}

/* status_is(url, status): passes when a GET of url answers that status */
static void status_is(hie_call *c) {
    const char *url = hie_arg_string(c, 0);
    hie_i64 want = hie_arg_int(c, 1);
    if (!hie_ok(c)) return;
    hie_http_response r = hie_http_get(url);
    if (r.error) { hie_error(c, r.error); return; }
    if (r.status == want) { hie_pass(c); return; }
    hie_buf m = {0, 0, 0};
    hie_buf_str(&m, url);
    hie_buf_str(&m, " answered ");
    hie_buf_int(&m, r.status);
    hie_buf_str(&m, ", not ");
    hie_buf_int(&m, want);
    hie_buf_put(&m, "", 1);
    hie_fail(c, m.data);
}

HIE_FUNCTIONS {
    HIE_SELECTOR(body, "string", "The text of a web page.", "url: string: an http or https URL the library is granted",
                 "fetch.body('http://127.0.0.1:8080/status')"),
    HIE_CHECK(status_is, "Passes when a GET of a URL answers a status.",
              "url: string: an http or https URL the library is granted; status: integer: the HTTP status",
              "fetch.status_is('http://127.0.0.1:8080/health', 200)"),
};
HIE_LIBRARY("fetch", "0.1.0", "An example C plugin that reads web pages through the host.")
