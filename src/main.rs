//! The browser entry point: installs the panic hook (src/app/panic.rs) and mounts the app.

mod app;
#[path = "web/measuring_canvas.rs"]
mod measuring_canvas;

fn main() {
    // Logs a panic to the console (console_error_panic_hook), then shows a plain error page.
    app::panic::install();
    leptos::mount::mount_to_body(app::App);
}
