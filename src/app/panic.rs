//! The panic page: on a panic, after `console_error_panic_hook` has logged it to the console, the
//! page's content is replaced by a plain, accessible error with the panic message (as text) and a
//! Reload button. Built with plain DOM calls, so it works whatever state the app was in.

use std::panic::PanicHookInfo;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Function, Reflect};
use web_sys::{Document, Element, HtmlElement};

/// Installs the hook: log to the console as before, then show the error page.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        // Nothing more can be done if the page itself is gone.
        let _ = show(&info.to_string());
    }));
}

fn element(document: &Document, tag: &str, text: Option<&str>) -> Option<Element> {
    let e = document.create_element(tag).ok()?;
    if text.is_some() {
        e.set_text_content(text);
    }
    Some(e)
}

/// Replaces the body's content with the error. The message is set as text, never as markup.
/// The Reload button calls `location.reload` directly (a bound JS function, not a Rust closure:
/// after a panic the WebAssembly instance has stopped and must not be called again).
pub fn show(message: &str) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let body = document.body()?;
    body.set_text_content(None);
    document.set_title("Error: coverboard");
    let main = element(&document, "main", None)?;
    main.set_id("panic");
    main.set_class_name("wrap");
    let panel = element(&document, "div", None)?;
    panel.set_class_name("load-error");
    panel.set_attribute("role", "alert").ok()?;
    let heading = element(
        &document,
        "h1",
        Some("Something went wrong inside coverboard"),
    )?;
    let explain = element(
        &document,
        "p",
        Some(
            "The dashboard stopped because of an error in its own code, not in anything you did. \
             Reload the page to start again. If it happens again, please report the message below.",
        ),
    )?;
    let detail = element(&document, "pre", Some(message))?;
    detail.set_id("panic-message");
    let button = element(&document, "button", Some("Reload"))?;
    button.set_id("panic-reload");
    button.set_attribute("type", "button").ok()?;
    let location = window.location();
    let reload: Function = Reflect::get(&location, &JsValue::from_str("reload"))
        .ok()?
        .dyn_into()
        .ok()?;
    button
        .add_event_listener_with_callback("click", &reload.bind0(&location))
        .ok()?;
    for child in [&heading, &explain, &detail, &button] {
        panel.append_child(child).ok()?;
    }
    main.append_child(&panel).ok()?;
    body.append_child(&main).ok()?;
    if let Some(b) = button.dyn_ref::<HtmlElement>() {
        let _ = b.focus();
    }
    Some(())
}

/// Exists only so that tests/browser/security.test.mjs can check the panic page in a real
/// browser: the core is built so that no input reaches a panic, so there is no honest way to
/// cause one from the page. Harmless: only script already running in the page can call it
/// (`window.coverboardApp.coverboard_test_panic`, public/start-app.js), and all it can do is stop that page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn coverboard_test_panic(message: String) {
    panic!("{message}");
}
