// Trunk's post_build hook (Trunk.toml), run on the staged dist/ before it replaces dist/:
// 1. Content-Security-Policy: Trunk writes an inline <script type="module"> that loads the wasm,
//    which a strict policy (no 'unsafe-inline', no hash that changes every build) would block.
//    Every inline script moves into its own file named by its content hash, loaded with src=;
//    the build fails if any inline script is left or the CSP meta is missing.
// 2. Size budget (issue 7): the stylesheets only the full app needs are taken out of index.html
//    and listed in start-app.js, which loads them with the full app; HTML comments are dropped.
// Works on Trunk's output whether or not it is minified (attribute quotes may be gone).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL || '/';
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this from Trunk (post_build hook)');
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

let moved = 0;
html = html.replace(/<script((?:\s+type=["']?module["']?)?)\s*>([\s\S]*?)<\/script>/g, (all, type, body) => {
  if (!body.trim()) return all;
  const name = `coverboard-init-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
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

if (/<script(?![^>]*\ssrc=)[^>]*>\s*\S/.test(html)) throw new Error('index.html still has an inline script: the CSP would block it');
if (!/http-equiv=["']?Content-Security-Policy/.test(html)) throw new Error('index.html has no Content-Security-Policy meta');
if (later.length !== 6) throw new Error(`expected 6 stylesheets to load with the full app, found ${later.length}`);
fs.writeFileSync(file, html);
console.log(`post_build: moved ${moved} inline script(s) out of index.html; ${later.length} stylesheet(s) load with the full app`);
