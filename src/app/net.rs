//! Fetching one data file over an unreliable network: a timeout that aborts the request, retries
//! with back-off for failures that may pass (no answer, server errors), and a plain message for
//! each way it can fail, naming the file. Responses the service worker served from its saved copy
//! (`public/sw.js`, header `x-coverboard-saved`) are noted, so the page can say it is offline.

use gloo_net::http::Request;
use std::cell::RefCell;
use std::time::Duration;
use thiserror::Error;

/// How long one attempt may take before it is abandoned.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts in all (the first and the retries); a timeout is retried once.
pub const ATTEMPTS: u32 = 3;
/// Waits before the second and third attempts.
const BACKOFF_MS: [u64; 2] = [600, 1800];

/// What a file is expected to be, to catch a web page (a proxy's login page, an error page)
/// served in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Json,
    Csv,
    GeoJson,
    /// An analyst's own list: CSV or JSON.
    SiteList,
}

/// Why a file could not be fetched. Each message names the file and says what to do.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum NetError {
    #[error("Could not load {file}: it was not found on the server (404). Check the address or the data folder.")]
    NotFound { file: String },
    #[error("Could not load {file}: the server had an error ({status} {status_text}), {attempts} attempts. Try again in a few minutes.")]
    Server {
        file: String,
        status: u16,
        status_text: String,
        attempts: u32,
    },
    #[error("Could not load {file}: the server refused it ({status} {status_text}).")]
    Refused {
        file: String,
        status: u16,
        status_text: String,
    },
    #[error("Could not load {file}: no answer within {seconds} seconds, {attempts} attempts. The network may be slow or down.")]
    Timeout {
        file: String,
        seconds: u64,
        attempts: u32,
    },
    #[error("Could not load {file}: this computer is offline. Connect and reload.")]
    Offline { file: String },
    #[error("Could not load {file}: the server could not be reached ({attempts} attempts). The network failed, or the server does not allow this page to read it (CORS).")]
    Unreachable { file: String, attempts: u32 },
    #[error("Could not load {file}: the answer was a web page ({content_type}), not the {expected} file. A proxy or sign-in page may be in the way.")]
    WrongType {
        file: String,
        content_type: String,
        expected: &'static str,
    },
    #[error("Could not load {file}: the answer broke off before the end ({message}). Reload to try again.")]
    Truncated { file: String, message: String },
}

/// A file's bytes (when it came from the service worker's copy, `offline_copy_saved_at` says so).
pub struct Fetched {
    pub bytes: Vec<u8>,
}

impl Fetched {
    /// The bytes as text; anything not UTF-8 becomes U+FFFD, which the parsers then report.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

thread_local! {
    /// The earliest save date of any file the service worker answered from its copy.
    static SAVED_COPY: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// When the data shown was saved, if some of it came from the offline copy.
pub fn offline_copy_saved_at() -> Option<String> {
    SAVED_COPY.with(|s| s.borrow().clone())
}

pub fn note_saved(at: &str) {
    SAVED_COPY.with(|s| {
        let mut s = s.borrow_mut();
        if s.as_deref().is_none_or(|old| at < old) {
            *s = Some(at.to_string());
        }
    });
}

fn online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

async fn sleep(ms: u64) {
    let promise = web_sys::js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(60_000) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

enum Attempt {
    Done(Fetched),
    /// Worth another attempt.
    Retry(NetError),
    /// Final.
    Fail(NetError),
}

fn looks_like_html(content_type: &str, text: &str) -> bool {
    content_type.contains("text/html")
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .get(..15)
            .is_some_and(|s| {
                s.to_ascii_lowercase().starts_with("<!doctype html")
                    || s.to_ascii_lowercase().starts_with("<html")
            })
}

async fn attempt(url: &str, file: &str, expect: Expect, attempts: u32) -> Attempt {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        leptos::prelude::set_timeout_with_handle(
            move || {
                timed_out.set(true);
                if let Some(c) = controller {
                    c.abort();
                }
            },
            TIMEOUT,
        )
        .ok()
    };
    let stop_timer = move || {
        if let Some(t) = timer {
            t.clear();
        }
    };
    let timeout_error = || NetError::Timeout {
        file: file.into(),
        seconds: TIMEOUT.as_secs(),
        attempts,
    };
    // `no-store`: past the HTTP cache, whose lock would hold this request behind the first
    // view's request for the same file (src/first/main.rs) if that one never got an answer.
    let response = match Request::get(url)
        .cache(web_sys::RequestCache::NoStore)
        .abort_signal(signal.as_ref())
        .send()
        .await
    {
        Ok(r) => r,
        Err(_) => {
            stop_timer();
            if timed_out.get() {
                return Attempt::Retry(timeout_error());
            }
            if !online() {
                return Attempt::Fail(NetError::Offline { file: file.into() });
            }
            return Attempt::Retry(NetError::Unreachable {
                file: file.into(),
                attempts,
            });
        }
    };
    let status = response.status();
    if !response.ok() {
        stop_timer();
        let status_text = response.status_text();
        return match status {
            404 | 410 => Attempt::Fail(NetError::NotFound { file: file.into() }),
            408 | 429 | 500..=599 => Attempt::Retry(NetError::Server {
                file: file.into(),
                status,
                status_text,
                attempts,
            }),
            _ => Attempt::Fail(NetError::Refused {
                file: file.into(),
                status,
                status_text,
            }),
        };
    }
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let saved_at = response.headers().get("x-coverboard-saved");
    let bytes = match response.binary().await {
        Ok(b) => b,
        Err(e) => {
            stop_timer();
            if timed_out.get() {
                return Attempt::Retry(timeout_error());
            }
            return Attempt::Retry(NetError::Truncated {
                file: file.into(),
                message: e.to_string(),
            });
        }
    };
    stop_timer();
    let head = String::from_utf8_lossy(bytes.get(..64).unwrap_or(&bytes));
    if looks_like_html(&content_type, &head) {
        let expected = match expect {
            Expect::Json => "JSON",
            Expect::Csv => "CSV",
            Expect::GeoJson => "GeoJSON",
            Expect::SiteList => "CSV or JSON",
        };
        return Attempt::Fail(NetError::WrongType {
            file: file.into(),
            content_type: if content_type.is_empty() {
                "no type given".into()
            } else {
                content_type
            },
            expected,
        });
    }
    if let Some(at) = &saved_at {
        note_saved(at);
    }
    Attempt::Done(Fetched { bytes })
}

/// Fetches `url` (the file `file`), retrying what may pass with back-off.
pub async fn fetch(url: &str, file: &str, expect: Expect) -> Result<Fetched, NetError> {
    let mut last = None;
    for n in 1..=ATTEMPTS {
        match attempt(url, file, expect, n).await {
            Attempt::Done(f) => return Ok(f),
            Attempt::Fail(e) => return Err(e),
            // A server that does not answer gets one more chance, not two: 20 s is long enough
            // for a room to wait.
            Attempt::Retry(e @ NetError::Timeout { .. }) if n >= 2 => return Err(e),
            Attempt::Retry(e) => last = Some(e),
        }
        if let Some(wait) = BACKOFF_MS.get(n as usize - 1) {
            sleep(*wait).await;
        }
    }
    Err(last.unwrap_or(NetError::Unreachable {
        file: file.into(),
        attempts: ATTEMPTS,
    }))
}
