#!/usr/bin/env node
// CI's size check (scripts/test.sh, after the release build): fails when the first dashboard's
// transfer, the first view's wasm or the full app's wasm grows past its budget (bench/budgets.mjs).
// Usage: node scripts/size-check.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BUDGETS, firstDashboardFiles } from '../bench/budgets.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => (n / 1000).toFixed(1);
const files = firstDashboardFiles(dist);
let total = 0;
for (const f of files) {
  const n = gz(f);
  total += n;
  console.log(`  ${kb(n).padStart(7)} KB  ${path.relative(dist, f)}`);
}
const firstWasm = files.find((f) => /coverboard-first-[0-9a-f]+_bg\.wasm$/.test(f));
const appWasm = path.join(dist, 'coverboard_bg.wasm');
const checks = [
  ['first dashboard (gzip)', total, BUDGETS.firstDashboardGzipKB],
  ['first view wasm (gzip)', firstWasm ? gz(firstWasm) : Infinity, BUDGETS.firstViewWasmGzipKB],
  ['full app wasm (gzip)', fs.existsSync(appWasm) ? gz(appWasm) : Infinity, BUDGETS.fullAppWasmGzipKB],
];
let failed = false;
for (const [name, bytes, budget] of checks) {
  const ok = bytes <= budget * 1000;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${kb(bytes)} KB, budget ${budget} KB`);
}
if (!firstWasm) console.log('FAIL no coverboard-first-*_bg.wasm is linked from index.html');
process.exit(failed ? 1 : 0);
