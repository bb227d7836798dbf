// Shared helpers for coverboard's browser tests (node:test + playwright-core, system Chromium).
//
// - serveDist(): a tiny static server for COVERBOARD_DIST (the output of `trunk build --release`)
//   on 127.0.0.1 with a random free port.
// - launchBrowser(): Debian's /usr/bin/chromium through playwright-core, with the launch recipe in
//   shared/toolchain.md (a persistent context in a fresh temporary profile directory).
// - openPage(): a fresh page that records console errors and uncaught page errors.
// - expected(): the core library's own answer, from `cargo run --example expected`.
// - canvas helpers: pixel statistics and a hash of a canvas, read with getImageData.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.resolve(process.env.COVERBOARD_DIST || path.join(REPO_ROOT, 'dist'));
export const CHROMIUM = process.env.COVERBOARD_CHROMIUM || '/usr/bin/chromium';

export const REGIONS = {
  ENG: 'All England',
  E40000003: 'London',
  E40000005: 'South East',
  E40000006: 'South West',
  E40000007: 'East of England',
  E40000008: 'Midlands',
  E40000009: 'North East and Yorkshire',
  E40000010: 'North West',
};

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Fails with a clear message when dist/ has not been built. */
export function assertDistBuilt(root = DIST) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(
      `no index.html in ${root}: build the app first (trunk build --release) ` +
        'or point COVERBOARD_DIST at the built dist/ directory',
    );
  }
}

/**
 * Serves `root` read-only on 127.0.0.1:<random free port>.
 * Returns { url, port, close, requests, misbehave } where `url` ends with '/' and `requests` lists
 * every path asked for. `misbehave(pathname, handler)` makes the server answer that path with
 * `handler(req, res, n, serveFile)` instead (n counts its requests; serveFile() sends the real
 * file): for tests of errors, slow and broken-off answers over a real connection.
 */
export async function serveDir(root) {
  const base = path.resolve(root);
  const requests = [];
  const handlers = new Map();
  const server = http.createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request');
      return;
    }
    requests.push(pathname);
    const special = handlers.get(pathname);
    if (special) {
      special.n += 1;
      special.handler(req, res, special.n, () => sendFile(pathname, req, res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    await sendFile(pathname, req, res);
  });
  async function sendFile(pathname, req, res) {
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(base, '.' + pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden');
      return;
    }
    try {
      const stat = await fsp.stat(file);
      if (!stat.isFile()) throw new Error('not a file');
      const body = await fsp.readFile(file);
      res.writeHead(200, {
        'Content-Type': contentType(file),
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`not found: ${pathname}`);
    }
  }
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    requests,
    misbehave: (pathname, handler) => handlers.set(pathname, { handler, n: 0 }),
    behave: () => handlers.clear(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** serveDir(COVERBOARD_DIST), after checking that it has been built. */
export async function serveDist() {
  assertDistBuilt(DIST);
  return serveDir(DIST);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium as a persistent context in a fresh temporary profile.
 * Returns { context, close }; close() also deletes the profile directory. Service workers are
 * blocked unless `{ serviceWorkers: 'allow' }`.
 */
export async function launchBrowser({ serviceWorkers = 'block' } = {}) {
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'coverboard-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
      // The app's service worker answers the page's requests itself, out of page.route's reach:
      // blocked unless a test is about it (the offline test).
      serviceWorkers,
    });
  } catch (err) {
    await fsp.rm(profile, { recursive: true, force: true });
    throw err;
  }
  // The persistent context opens one blank page; tests open their own.
  for (const p of context.pages()) await p.close();
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * A fresh page that records problems: `consoleErrors` (console.error messages and failed-resource
 * reports) and `pageErrors` (uncaught exceptions, including wasm panics/traps).
 */
export async function openPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const url = (loc && loc.url) || '';
    // Chromium asks for /favicon.ico on its own when the page names no icon; its 404 is not the app's.
    if (/\/favicon\.ico(\?|$)/.test(url)) return;
    consoleErrors.push(`${msg.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack : err)));
  return { page, consoleErrors, pageErrors };
}

/** Polls fn() until it returns a truthy value or `timeout` ms pass; returns the last value. */
export async function poll(fn, { timeout = 10_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    try {
      value = await fn();
    } catch (err) {
      value = undefined;
      if (Date.now() >= deadline) throw err;
    }
    if (value || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Waits until `locator`'s text (trimmed) equals `want` and returns the last text seen
 * (so the caller's assert.equal shows the actual value on a timeout).
 */
/**
 * A locator's rendered text, read as a user reads it: scrolled into view first. Views below the
 * fold skip rendering until they come near the screen (content-visibility: auto), and innerText of
 * unrendered text is empty; their figures also follow a filter change a frame late (defer.rs).
 */
export async function textOf(locator) {
  const first = locator.first();
  await first.scrollIntoViewIfNeeded();
  // A skipped section is rendered in the frame after it comes on screen: wait two frames.
  await first.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return first.innerText();
}

export async function waitForText(locator, want, timeout = 10_000) {
  let last = null;
  await poll(
    async () => {
      last = (await locator.count()) ? (await textOf(locator)).trim() : null;
      return last === want;
    },
    { timeout },
  );
  return last;
}

const expectedCache = new Map();

/**
 * The core library's answer for a region and an as-at date, from the example the Rust crate ships:
 * `cargo run --quiet --example expected -- <region> <date>` prints one JSON object
 * {"region","date","share","covered","base","share_text"}.
 */
export function expected(region, date, ...options) {
  const key = [region, date, ...options].join('|');
  if (expectedCache.has(key)) return expectedCache.get(key);
  let out;
  try {
    out = execFileSync('cargo', ['run', '--quiet', '--example', 'expected', '--', region, date, ...options], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const why = err.stderr ? String(err.stderr).trim() : err.message;
    throw new Error(`cargo run --quiet --example expected -- ${region} ${date} failed (status ${err.status}):\n${why}`);
  }
  const line = out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .pop();
  if (!line) throw new Error(`expected ${region} ${date}: no JSON object on stdout:\n${out}`);
  const value = JSON.parse(line);
  for (const k of ['share', 'share_text']) {
    if (!(k in value)) throw new Error(`expected ${region} ${date}: no "${k}" in ${line}`);
  }
  expectedCache.set(key, value);
  return value;
}

// Runs in the page: statistics of a canvas's pixels. Self-contained (Playwright serialises it).
function canvasStatsInPage(selector) {
  const canvas = document.querySelector(selector);
  if (!canvas || !(canvas instanceof HTMLCanvasElement)) return { found: false };
  const { width, height } = canvas;
  if (!width || !height) return { found: true, width, height, total: 0, distinct: 0, nonBackground: 0, hash: '0' };
  const ctx = canvas.getContext('2d');
  if (!ctx) return { found: true, width, height, error: 'no 2d context' };
  const data = new Uint32Array(ctx.getImageData(0, 0, width, height).data.buffer);
  const counts = new Map();
  let h = 0x811c9dc5; // FNV-1a over the 32-bit pixels
  for (let i = 0; i < data.length; i++) {
    const px = data[i];
    counts.set(px, (counts.get(px) || 0) + 1);
    h = Math.imul(h ^ px, 0x01000193) >>> 0;
  }
  let background = 0;
  let backgroundCount = -1;
  for (const [px, n] of counts) {
    if (n > backgroundCount) {
      background = px;
      backgroundCount = n;
    }
  }
  return {
    found: true,
    width,
    height,
    total: data.length,
    distinct: counts.size,
    background: background >>> 0,
    nonBackground: data.length - backgroundCount,
    hash: h.toString(16),
  };
}

/** Pixel statistics of the canvas at `selector`: distinct colours, non-background pixels, a hash. */
export async function canvasStats(page, selector = 'canvas#coverage-chart') {
  return page.evaluate(canvasStatsInPage, selector);
}

/** Drawn = more than 3 distinct colours and more than 1% of the pixels not the background. */
export function looksDrawn(stats) {
  return Boolean(stats && stats.found && stats.total > 0 && stats.distinct > 3 && stats.nonBackground > stats.total * 0.01);
}

/** Waits (polling, 10 s) until the chart canvas looks drawn; returns its last statistics. */
export async function waitForChart(page, { selector = 'canvas#coverage-chart', timeout = 10_000, notHash } = {}) {
  let last;
  await poll(
    async () => {
      last = await canvasStats(page, selector);
      return looksDrawn(last) && (notHash === undefined || last.hash !== notHash);
    },
    { timeout, interval: 100 },
  );
  return last;
}

/** The page's visible text, trimmed. */
export async function bodyText(page) {
  return (await page.locator('body').innerText()).trim();
}

// --- CSV helpers for the broken-data tests (RFC 4180: quoted fields, doubled quotes) ---

/** Parses CSV text into rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One CSV line (no newline) from fields, quoting where needed. */
export function csvLine(fields) {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
