// Trunk's post_build hook (Trunk.toml), run on the staged dist/ before it replaces dist/:
// 1. Content-Security-Policy: Trunk writes an inline <script type="module"> that loads the wasm,
//    which a strict policy (no 'unsafe-inline', no hash that changes every build) would block.
//    Every inline script moves into its own file named by its content hash, loaded with src=;
//    the build fails if any inline script is left or the CSP meta is missing.
// 2. Size budget (issue 7): the stylesheets only the full app needs are taken out of index.html
//    and listed in start-app.js, which loads them with the full app; HTML comments are dropped.
// 3. First chart (issue 7): the first dashboard for a link without a query is prerendered into
//    #first-body from the staged data (`cargo run --example prerender`), with the data's key in
//    data-prerender, and its chart as first-chart-<hash of the SVG>.svg. The first view keeps
//    it when the files it fetches give the same key; a link with a query hides it at once
//    (public/first-gate.js). If the prerender cannot be made, the
//    build goes on without it (a warning): the first view then draws the page as before.
// 4. Size budget (issue 7): the wasm-bindgen JavaScript is minified with terser (Trunk's own
//    minifier gives up on the first view's module, `export default`, and leaves it whole). This
//    runs first: the first view's module is renamed by the hash of its new content (a saved copy
//    of another minification is never taken for it) and every reference to it follows, with the
//    integrity hash index.html gives it.
// Works on Trunk's output whether or not it is minified (attribute quotes may be gone).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL || '/';
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this from Trunk (post_build hook)');
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

/** `prefix-<16 hex digits of the content's SHA-256>.js`: a file named by what it holds. */
const contentName = (prefix, content) => `${prefix}-${crypto.createHash('sha256').update(content).digest('hex').slice(0, 16)}.js`;

let minified = 0;
for (const name of fs.readdirSync(dir).filter((n) => /^coverboard(?:-first-[0-9a-f]+)?\.js$/.test(n))) {
  const file = path.join(dir, name);
  const code = fs.readFileSync(file, 'utf8');
  // The first view's glue is an ES module; the full app's (Trunk's "worker" type) a classic script
  // that declares the global `wasm_bindgen`, so its top-level names are kept.
  const out = await minify(code, { module: name !== 'coverboard.js', ecma: 2020, compress: true, mangle: true });
  if (!out.code || out.code.length >= code.length) continue;
  minified++;
  if (name === 'coverboard.js') {
    // Not content-named: the service worker fetches it from the network first.
    fs.writeFileSync(file, out.code);
    continue;
  }
  const renamed = contentName('coverboard-first', out.code);
  fs.rmSync(file);
  fs.writeFileSync(path.join(dir, renamed), out.code);
  const integrity = `sha384-${crypto.createHash('sha384').update(out.code).digest('base64')}`;
  const before = html;
  html = html.replace(/<link\b[^>]*>/g, (tag) =>
    tag.includes(name) ? tag.replace(/\bintegrity=(["']?)sha384-[A-Za-z0-9+/=]+\1/, `integrity="${integrity}"`) : tag,
  );
  html = html.split(name).join(renamed);
  if (html === before || html.includes(name)) throw new Error(`index.html does not name ${name} as expected`);
}

let moved = 0;
html = html.replace(/<script((?:\s+type=["']?module["']?)?)\s*>([\s\S]*?)<\/script>/g, (all, type, body) => {
  if (!body.trim()) return all;
  const name = contentName('coverboard-init', body);
  fs.writeFileSync(path.join(dir, name), body.trim() + '\n');
  moved++;
  return `<script${type ? ' type="module"' : ''} src="${base}${name}"></script>`;
});

const later = [];
html = html.replace(/\s*<link\b[^>]*\bhref=["']?([^"'\s>]*\/(?:map|sites|present|export|url|owndata)-[0-9a-f]+\.css)["']?[^>]*>/g, (all, href) => {
  later.push(href);
  return '';
});
const starter = path.join(dir, 'start-app.js');
const start = fs.readFileSync(starter, 'utf8');
if (!start.includes('const LATER_CSS = [];')) throw new Error('start-app.js has no LATER_CSS list to fill');
fs.writeFileSync(starter, start.replace('const LATER_CSS = [];', `const LATER_CSS = ${JSON.stringify(later)};`));
html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*\n/g, '\n');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prerender = spawnSync('cargo', ['run', '--quiet', '--example', 'prerender', '--', path.join(dir, 'data')], {
  cwd: repo,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let prerendered = '';
const firstBody = /<div id=["']?first-body["']?>([\s\S]*?)<\/div>/;
if (!firstBody.test(html)) throw new Error('index.html has no <div id="first-body"> for the first view');
if (prerender.status === 0) {
  const { key, html: body, svg_file: svgFile, svg } = JSON.parse(prerender.stdout);
  if (!/^[0-9a-f]{16}$/.test(key)) throw new Error(`prerender gave a key that is not 16 hex digits: ${key}`);
  if (!/^first-chart-[0-9a-f]{16}\.svg$/.test(svgFile)) throw new Error(`prerender named its chart ${svgFile}`);
  fs.writeFileSync(path.join(dir, svgFile), svg);
  html = html.replace(firstBody, (all, wait) => {
    const line = wait.replace(/\bclass=(["']?)loading\1/, 'class="loading prerender-wait"');
    if (line === wait) throw new Error('the first view\'s loading line has no class=loading to mark');
    return `<div id="first-body" data-prerender="${key}">${line}${body}</div>`;
  });
  prerendered = `; first view prerendered (key ${key}: ${Math.round(body.length / 1024)} KB of HTML, ${svgFile} ${Math.round(svg.length / 1024)} KB)`;
} else {
  console.warn(`post_build: WARNING: no prerendered first view (cargo run --example prerender exited ${prerender.status ?? prerender.error}):\n${prerender.stderr}`);
}


if (/<script(?![^>]*\ssrc=)[^>]*>\s*\S/.test(html)) throw new Error('index.html still has an inline script: the CSP would block it');
if (!/http-equiv=["']?Content-Security-Policy/.test(html)) throw new Error('index.html has no Content-Security-Policy meta');
if (later.length !== 6) throw new Error(`expected 6 stylesheets to load with the full app, found ${later.length}`);
fs.writeFileSync(file, html);
console.log(`post_build: moved ${moved} inline script(s) out of index.html; ${later.length} stylesheet(s) load with the full app; ${minified} script(s) minified${prerendered}`);
