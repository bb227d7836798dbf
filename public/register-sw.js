// Registers coverboard's service worker (sw.js), which keeps the app and the last good data in
// this browser for use with no network. A separate file, not inline, for the Content-Security-Policy.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js').catch((err) => console.warn('coverboard: offline copy unavailable:', err));
}
