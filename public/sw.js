// coverboard's service worker: keeps the app and the last good data set in this browser, so the
// dashboard opens and shows its figures with no network after the first visit. Data and pages:
// network first, falling back to the saved copy (marked with the header x-coverboard-saved, which
// the app shows as an "offline copy" banner). Hashed app files (.js, .wasm, .css, the prerendered
// chart's .svg): saved copy first.
// Only same-origin GET requests are handled; nothing is ever sent anywhere.
const CACHE = 'coverboard-v1';
const DATA = ['data/manifest.json', 'data/areas.csv', 'data/sites.csv', 'data/milestones.csv'];
// The full app, which the first view loads (index.html names only the first view's files).
const APP = ['coverboard.js', 'start-app.js', 'coverboard_bg.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch('./', { cache: 'no-cache' });
    const html = await page.clone().text();
    await cache.put('./', stamp(page, html));
    // The app's own files, as index.html names them (their names carry a content hash).
    // (Quoted or not: the release build's HTML is minified.)
    const assets = [...html.matchAll(/(?:href|src)=["']?([^"'\s>]+\.(?:js|wasm|css|svg))/g)].map((m) => m[1]);
    // The stylesheets that load with the full app, as start-app.js lists them.
    try {
      const starter = await (await fetch('start-app.js', { cache: 'no-cache' })).text();
      assets.push(...[...starter.matchAll(/"([^"]+\.css)"/g)].map((m) => m[1]));
    } catch (_) { /* saved when next fetched */ }
    for (const url of [...new Set([...assets, ...APP, ...DATA])]) {
      try {
        const r = await fetch(url, { cache: 'no-cache' });
        if (r.ok) await cache.put(url, stamp(r, await r.clone().arrayBuffer()));
      } catch (_) { /* saved at the next visit */ }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

/** A copy of `response` with `body` and the date it was saved. */
function stamp(response, body) {
  const headers = new Headers(response.headers);
  headers.set('x-coverboard-saved-on', new Date().toISOString());
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** The saved copy, marked as such for the app. */
async function savedCopy(request) {
  const cache = await caches.open(CACHE);
  const hit = (await cache.match(request, { ignoreSearch: true })) || (request.mode === 'navigate' ? await cache.match('./') : undefined);
  if (!hit) return undefined;
  const headers = new Headers(hit.headers);
  headers.set('x-coverboard-saved', hit.headers.get('x-coverboard-saved-on') || 'unknown');
  return new Response(await hit.arrayBuffer(), { status: hit.status, statusText: hit.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const hashed = /\.(?:js|wasm|css|svg)$/.test(url.pathname) && /-[0-9a-f]{8,}/.test(url.pathname);
  event.respondWith((async () => {
    if (hashed) {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(request);
      if (hit) return hit;
    }
    try {
      const response = await fetch(request);
      if (response.ok) {
        const cache = await caches.open(CACHE);
        const key = request.mode === 'navigate' ? './' : request;
        await cache.put(key, stamp(response.clone(), await response.clone().arrayBuffer()));
        return response;
      }
      if (response.status >= 500) return (await savedCopy(request)) || response;
      return response;
    } catch (err) {
      const saved = await savedCopy(request);
      if (saved) return saved;
      throw err;
    }
  })());
});
