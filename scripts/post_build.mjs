// Trunk's post_build hook (Trunk.toml), run on the staged dist/ before it replaces dist/:
// 1. Content-Security-Policy: Trunk writes an inline <script type="module"> that loads the wasm,
//    which a strict policy (no 'unsafe-inline') would block. It moves into its own file named by
//    its content hash, loaded with src= (step 5 puts it in a <template>).
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
// 5. First chart (issue 7): nothing the first paint needs waits for a request of its own. The
//    first dashboard's stylesheets become one <style> and public/first-gate.js (minified) an
//    inline script; the policy allows exactly these two by their SHA-256, and the build writes
//    the same policy for a header to content-security-policy.txt (docs/hosting.md). The first
//    view's module script goes into <template id="first-start">, which first-gate.js adds once
//    the prerendered chart has painted (at once when it will not be shown). The build fails if
//    the page does not have this shape.
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

// 5. First chart: nothing the first paint needs waits for a request of its own.
// The first view's module script waits in <template id="first-start"> for first-gate.js to add it.
const starts = html.match(/<script type="module" src="[^"]*coverboard-init-[0-9a-f]{16}\.js"><\/script>/g) || [];
if (starts.length !== 1) throw new Error(`expected one module script to start the first view, found ${starts.length}`);
html = html.replace(starts[0], `<template id="first-start">${starts[0]}</template>`);
// The stylesheets left (the first dashboard's) become one <style>, in their order.
const critical = [];
html = html.replace(/<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/g, (tag) => {
  const href = (tag.match(/\bhref=["']?([^"'\s>]+)/) || [])[1];
  if (!href || !href.startsWith(base)) throw new Error(`a stylesheet link with no href under ${base}: ${tag}`);
  const name = href.slice(base.length);
  const css = fs.readFileSync(path.join(dir, name), 'utf8');
  fs.rmSync(path.join(dir, name));
  critical.push(css.trim());
  return critical.length === 1 ? '\u0000STYLE\u0000' : '';
});
const style = critical.join('\n');
if (!critical.length || /<\/style/i.test(style)) throw new Error(`no stylesheet to inline, or one that closes <style>`);
html = html.replace('\u0000STYLE\u0000', `<style>${style}</style>`);
// first-gate.js, minified, at the top of <head>.
const gateTag = /<script\b[^>]*\bsrc=["']?(?:\.?\/)?first-gate\.js["']?[^>]*><\/script>/;
if (!gateTag.test(html)) throw new Error('index.html has no <script src="first-gate.js"> to inline');
const gateFile = path.join(dir, 'first-gate.js');
const gate = (await minify(fs.readFileSync(gateFile, 'utf8'), { ecma: 2015, compress: true, mangle: true })).code;
if (!gate || /<\/script|<!--/i.test(gate)) throw new Error('first-gate.js did not minify to a script that can be inline');
fs.rmSync(gateFile);
html = html.replace(gateTag, () => `<script>${gate}</script>`);
// The policy allows exactly these inline blocks, by their SHA-256 (no 'unsafe-inline').
const hashes = (re) => [...html.matchAll(re)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const scriptHashes = hashes(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g);
const styleHashes = hashes(/<style>([\s\S]*?)<\/style>/g);
if (scriptHashes.length !== 1 || styleHashes.length !== 1) throw new Error(`expected one inline script and one <style>, found ${scriptHashes.length} and ${styleHashes.length}`);
const policyMatch = html.match(/<meta\b[^>]*http-equiv=["']?Content-Security-Policy[^>]*>/);
if (!policyMatch) throw new Error('index.html has no Content-Security-Policy meta');
const policyOld = (policyMatch[0].match(/\bcontent="([^"]*)"/) || [])[1];
if (!policyOld || !policyOld.includes("script-src 'self'") || !policyOld.includes("style-src 'self'")) throw new Error(`unexpected Content-Security-Policy: ${policyOld}`);
const policy = policyOld
  .replace("script-src 'self'", `script-src 'self' ${scriptHashes.join(' ')}`)
  .replace("style-src 'self'", `style-src 'self' ${styleHashes.join(' ')}`);
html = html.replace(policyMatch[0], policyMatch[0].replace(policyOld, policy));
// For hosts that send the policy as a header (docs/hosting.md): the same policy, with what only a header can say.
fs.writeFileSync(path.join(dir, 'content-security-policy.txt'), `${policy}; frame-ancestors 'none'\n`);
if (later.length !== 6) throw new Error(`expected 6 stylesheets to load with the full app, found ${later.length}`);
fs.writeFileSync(file, html);
console.log(`post_build: moved ${moved} inline script(s) out of index.html (the first view's start into <template id=first-start>); ${critical.length} stylesheet(s) and first-gate.js inline, allowed by hash; ${later.length} stylesheet(s) load with the full app; ${minified} script(s) minified${prerendered}`);
