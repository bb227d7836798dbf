// Starts the full app. The first view (src/first/main.rs) adds coverboard.js (Trunk's no-modules
// build, which declares `wasm_bindgen` as a global binding, not a window property) and then this
// file, in order; a classic script can call that binding, and the CSP forbids inline code.
// The stylesheets only the full app needs come first (the build's post_build hook, Trunk.toml,
// moves them out of index.html and lists them here), so that the first dashboard waits for none.
const LATER_CSS = [];
Promise.all(LATER_CSS.map((href) => new Promise((done) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.onload = link.onerror = done;
  document.head.appendChild(link);
}))).then(() => wasm_bindgen({ module_or_path: 'coverboard_bg.wasm' }))
  // The full app's exports (only the panic test's, src/app/panic.rs), for the browser tests.
  .then(() => { window.coverboardApp = wasm_bindgen; });
