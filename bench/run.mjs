// The benchmark (issue 7): builds the release app, measures it on this machine against its
// budgets, and compares it with a plain Chart.js page drawing the same main chart from the same
// data. Every figure is a median over repeated runs. Usage (README, "Benchmark"):
//
//   node bench/run.mjs [--runs N] [--no-build] [--only a,b,...]
//
// Parts (--only): size, first, chartjs, repaint, scale, native. Prints a table and writes every
// figure to target/bench/results.json. Nothing here is a test: a budget not met is reported, and
// the exit status is 0 unless a part could not run. The size check that fails CI is
// scripts/size-check.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir, launchBrowser, REPO_ROOT, DIST, CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/helpers.mjs';
import { BUDGETS, firstDashboardFiles } from './budgets.mjs';
import { median, p90 } from './stats.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(value('--runs', 15));
const ONLY = value('--only', 'size,first,chartjs,repaint,scale,native').split(',');
const BENCH = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(REPO_ROOT, 'target', 'bench');
const env = { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };

const kb = (n) => +(n / 1000).toFixed(1);
const log = (...m) => console.error('[bench]', ...m);

function run(cmd, argv, opts = {}) {
  log(`$ ${cmd} ${argv.join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) {
    process.stderr.write(r.stdout || '');
    process.stderr.write(r.stderr || '');
    throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
  }
  return r.stdout;
}

/** Bytes of a file raw, gzip -9 and brotli 11 (what a server that compresses would send). */
function sizes(file) {
  const bytes = fs.readFileSync(file);
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const sum = (list) => list.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** The browser the loads run in: started once, as a user's browser is already running. */
let shared = null;
async function browserForLoads() {
  shared ??= await chromium.launch({ headless: true, executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return shared;
}

/** One cold load of `url` (a new browser context: empty cache, no service worker), until the
 *  performance mark `mark` (and `waitFor`) is set: the marks and the resources fetched. */
async function coldLoad(url, mark, { waitFor } = {}) {
  const browser = await browserForLoads();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const marks = [mark].flat();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((ms) => ms.some((m) => performance.getEntriesByName(m).length > 0), marks, { timeout: 30_000 });
    if (waitFor) await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, waitFor, { timeout: 30_000 });
    return await page.evaluate(async () => {
      // Element timing (the prerendered chart image has elementtiming="first-chart"): when the
      // browser painted it. Buffered entries arrive in the observer's first callback.
      const painted = await new Promise((resolve) => {
        const found = {};
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) found[e.identifier] = e.renderTime || e.loadTime;
        });
        try {
          observer.observe({ type: 'element', buffered: true });
        } catch {
          resolve(found);
          return;
        }
        setTimeout(() => {
          observer.disconnect();
          resolve(found);
        }, 50);
      });
      return {
        marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
        painted,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        dom_interactive: performance.getEntriesByType('navigation')[0]?.domInteractive,
        resources: performance.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })),
        series: window.series || null,
      };
    });
  } finally {
    await context.close();
  }
}

/** The first view is done: it kept the prerendered page, or drew its own chart. */
const FIRST_DONE = ['coverboard:first-chart', 'coverboard:first-prerender-kept'];

/**
 * When the first chart was on screen: the prerendered chart image's paint (element timing) if
 * the page had one, else the first view's canvas drawn. `how` says which.
 */
function firstChart(r) {
  const img = r.painted['first-chart'];
  if (img !== undefined && img > 0) return { at: img, how: 'prerendered' };
  return { at: r.marks['coverboard:first-chart'], how: 'drawn by the first view' };
}

/** Serves dist/ with the Chart.js page at /chartjs/ (its own copy of the data under /chartjs/data/). */
function chartjsRoot() {
  const root = path.join(OUT, 'chartjs-site');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'data'), { recursive: true });
  for (const f of ['index.html', 'main.js']) fs.copyFileSync(path.join(BENCH, 'chartjs', f), path.join(root, f));
  const lib = path.join(BENCH, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');
  if (!fs.existsSync(lib)) run('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund']);
  fs.copyFileSync(lib, path.join(root, 'chart.umd.min.js'));
  for (const f of fs.readdirSync(path.join(DIST, 'data'))) fs.copyFileSync(path.join(DIST, 'data', f), path.join(root, 'data', f));
  return root;
}

const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
  chromium: null,
  runs: RUNS,
  load_average_at_start: os.loadavg().map((l) => +l.toFixed(2)),
};

if (!flag('--no-build')) run('trunk', ['build', '--release']);
fs.mkdirSync(OUT, { recursive: true });
const server = await serveDir(DIST);

try {
  if (ONLY.includes('size') || ONLY.includes('first')) {
    // What the first dashboard fetched before its chart was drawn, in a real load.
    const probe = await coldLoad(server.url, FIRST_DONE);
    // Up to when the first view was done (it fetches the data and its wasm even when it keeps
    // the prerendered page: the data for its check and for the full app).
    const before = Math.max(...FIRST_DONE.map((m) => probe.marks[m] ?? 0));
    const fetched = [...new Set(probe.resources.filter((r) => r.start < before).map((r) => r.path))];
    const files = firstDashboardFiles(DIST, fetched);
    const list = files.map((f) => ({ file: path.relative(DIST, f), ...sizes(f) }));
    const wasm = list.find((f) => /coverboard-first-.*_bg\.wasm$/.test(f.file));
    const app = sizes(path.join(DIST, 'coverboard_bg.wasm'));
    const appJs = sizes(path.join(DIST, 'coverboard.js'));
    results.transfer = {
      first_dashboard: { ...sum(list), files: list },
      first_view_wasm: wasm,
      full_app_wasm: app,
      full_app_extra: sum([app, appJs]),
    };
  }

  if (ONLY.includes('first')) {
    const firsts = [], ready = [], fcps = [], steps = {}, how = {};
    for (let i = 0; i < RUNS; i++) {
      const r = await coldLoad(server.url, FIRST_DONE, { waitFor: 'coverboard:app-ready' });
      const chart = firstChart(r);
      firsts.push(chart.at);
      how[chart.how] = (how[chart.how] || 0) + 1;
      ready.push(r.marks['coverboard:app-ready']);
      fcps.push(r.fcp);
      // Where the time goes: page parsed, first paint, first view's wasm running, manifest read,
      // data in, parsed, figures computed, text shown, page laid out (canvas width known), chart.
      const at = {
        dom_interactive: r.dom_interactive,
        first_paint: r.fcp,
        wasm_started: r.marks['coverboard:first-start'],
        manifest_read: r.marks['coverboard:first-manifest'],
        data_fetched: r.marks['coverboard:first-data'],
        data_parsed: r.marks['coverboard:first-parsed'],
        figures_computed: r.marks['coverboard:first-figures'],
        text_shown: r.marks['coverboard:first-text'],
        laid_out: r.marks['coverboard:first-layout'],
        chart_drawn: r.marks['coverboard:first-chart'],
        prerendered_chart_painted: r.painted['first-chart'],
        prerender_kept: r.marks['coverboard:first-prerender-kept'],
      };
      for (const [k, v] of Object.entries(at)) if (v !== undefined) (steps[k] ??= []).push(v);
    }
    // A link with filters (here London) is not the prerendered page: the first view draws it.
    const linked = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await coldLoad(`${server.url}?region=E40000003`, 'coverboard:first-chart');
      linked.push(r.marks['coverboard:first-chart']);
    }
    results.first_chart_linked_view_ms = { median: +median(linked).toFixed(1), p90: +p90(linked).toFixed(1), url: '?region=E40000003' };
    results.first_chart_steps_median_ms = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, +median(v).toFixed(1)]));
    results.first_chart_ms = { median: +median(firsts).toFixed(1), p90: +p90(firsts).toFixed(1), runs: firsts.map((x) => +x.toFixed(1)), how };
    results.first_contentful_paint_ms = { median: +median(fcps).toFixed(1) };
    results.full_app_ready_ms = { median: +median(ready).toFixed(1), p90: +p90(ready).toFixed(1) };
  }

  if (ONLY.includes('chartjs')) {
    const root = chartjsRoot();
    const cjs = await serveDir(root);
    try {
      const times = [];
      let series = null;
      for (let i = 0; i < RUNS; i++) {
        const r = await coldLoad(`${cjs.url}index.html`, 'chartjs:first-chart');
        times.push(r.marks['chartjs:first-chart']);
        series = r.series;
      }
      const files = ['index.html', 'chart.umd.min.js', 'main.js', 'data/manifest.json', 'data/areas.csv', 'data/sites.csv', 'data/milestones.csv'];
      const bytes = sum(files.map((f) => sizes(path.join(root, f))));
      // Same line? coverboard's figures from its own table (the full app), month by month.
      const check = await sameLine(series);
      results.chartjs = {
        first_chart_ms: { median: +median(times).toFixed(1), p90: +p90(times).toFixed(1) },
        transfer: bytes,
        same_line: check,
      };
      if (results.first_chart_ms) {
        results.comparison = {
          first_chart_ratio: +(results.first_chart_ms.median / results.chartjs.first_chart_ms.median).toFixed(2),
          full_app_ready_ratio: +(results.full_app_ready_ms.median / results.chartjs.first_chart_ms.median).toFixed(2),
        };
      }
      if (results.transfer) {
        results.comparison = {
          ...results.comparison,
          transfer_gzip_ratio: +(results.transfer.first_dashboard.gzip / bytes.gzip).toFixed(2),
          transfer_gzip_ratio_with_full_app: +((results.transfer.first_dashboard.gzip + results.transfer.full_app_extra.gzip) / bytes.gzip).toFixed(2),
        };
      }
    } finally {
      await cjs.close();
    }
  }

  if (ONLY.includes('repaint')) {
    const out = run('node', [path.join(BENCH, 'repaint.mjs'), String(Math.max(RUNS * 2, 30)), 'region', 'slider'], { env: { ...env, COVERBOARD_DIST: DIST } });
    results.repaint_default = JSON.parse(out).results;
  }

  if (ONLY.includes('scale')) {
    const script = path.join(BENCH, 'scale.mjs');
    if (fs.existsSync(script)) {
      const out = run('node', [script, String(Math.max(RUNS, 10)), String(Math.max(RUNS, 9))], { env: { ...env, COVERBOARD_DIST: DIST } });
      results.scale = JSON.parse(out.trim().split('\n').pop());
    } else {
      results.scale = { missing: 'bench/scale.mjs' };
    }
  }

  if (ONLY.includes('native')) {
    const out = run('cargo', ['bench', '--bench', 'coverage']);
    // benches/coverage.rs ends with "<n> sites: median <ms> ms" per size and the 200k / 100k ratio.
    const at = (n) => Number((out.match(new RegExp(`^\\s*${n} sites: median\\s+([\\d.]+) ms`, 'm')) || [])[1]);
    const ms100 = at(100000), ms200 = at(200000);
    results.native = Number.isFinite(ms100) && Number.isFinite(ms200)
      ? { ms_100k: ms100, ms_200k: ms200, ratio: +(ms200 / ms100).toFixed(2) }
      : { missing: 'cargo bench --bench coverage printed no "sites: median" lines' };
  }
} finally {
  await server.close();
  results.chromium = shared ? `Chromium ${shared.version()} headless` : null;
  await shared?.close();
}

/** Compares the Chart.js page's line with coverboard's main-chart table (headline column). */
async function sameLine(series) {
  if (!series) return { checked: 0, note: 'the Chart.js page gave no series' };
  const { context, close } = await launchBrowser();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#headline-coverage').waitFor();
    await page.locator('details.as-table summary').first().click();
    const rows = await page.locator('#main-chart-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th').innerText, tr.querySelector('td:last-child').innerText]));
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    const differ = [];
    rows.forEach(([month, shown], i) => {
      const mine = series[i] ? pct(series[i][1]) : null;
      if (mine !== shown) differ.push({ month, coverboard: shown, chartjs: mine });
    });
    return { checked: rows.length, differ };
  } finally {
    await close();
  }
}

// The verdicts against the budgets (bench/budgets.mjs).
const verdicts = [];
const check = (name, measured, budget, unit) => {
  if (measured == null || Number.isNaN(measured)) return;
  verdicts.push({ name, measured, budget, unit, met: measured <= budget });
};
if (results.transfer) check('first dashboard transfer, gzip', kb(results.transfer.first_dashboard.gzip), BUDGETS.firstDashboardGzipKB, 'KB');
if (results.first_chart_ms) check('navigation → first chart drawn (median)', results.first_chart_ms.median, BUDGETS.firstChartMs, 'ms');
if (results.repaint_default) {
  for (const [k, v] of Object.entries(results.repaint_default)) check(`repaint, default data, ${k} (work + frame, median)`, v.work_plus_frame_render_ms.median, BUDGETS.repaintDefaultMs, 'ms');
}
if (results.scale?.repaint_10k) {
  const r = results.scale.repaint_10k;
  // Each view on screen in turn (bench/scale.mjs); the slowest scenario is the one held to budget.
  for (const [k, v] of Object.entries(r.scenarios || {})) check(`repaint, 10,000 sites, ${k} on screen (work + frame, median)`, v.work_plus_frame_render_ms.median, BUDGETS.repaintLargeMs, 'ms');
}
if (results.scale?.parse_100k) {
  const p = results.scale.parse_100k;
  check('parse + validate 100,000-row CSV in the browser (median)', p.median_ms ?? p.parse_validate_ms?.median, BUDGETS.parse100kMs, 'ms');
}
if (results.native?.ms_100k != null) {
  check('native coverage series, 100,000 sites × 120 months', results.native.ms_100k, BUDGETS.native100kMs, 'ms');
  check('native coverage, 200,000 ÷ 100,000 time', results.native.ratio, BUDGETS.doublingRatio, '×');
}
results.verdicts = verdicts;
fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 1));

console.log(`\ncoverboard benchmark, ${results.date}\n${results.machine}; ${results.chromium ?? ''}; load average at start ${results.load_average_at_start.join(' ')}; ${RUNS} runs\n`);
console.log('| measure | result | budget | met |\n|---|---|---|---|');
for (const v of verdicts) console.log(`| ${v.name} | ${v.measured} ${v.unit} | ≤ ${v.budget} ${v.unit} | ${v.met ? 'yes' : '**no**'} |`);
if (results.transfer) {
  const t = results.transfer;
  console.log(`\nFirst dashboard: ${kb(t.first_dashboard.raw)} KB raw, ${kb(t.first_dashboard.gzip)} KB gzip, ${kb(t.first_dashboard.brotli)} KB brotli (${t.first_dashboard.files.length} files; first-view wasm ${kb(t.first_view_wasm?.gzip ?? NaN)} KB gzip).`);
  console.log(`Full app, loaded after the first chart: wasm + JS ${kb(t.full_app_extra.raw)} KB raw, ${kb(t.full_app_extra.gzip)} KB gzip, ${kb(t.full_app_extra.brotli)} KB brotli.`);
}
if (results.first_chart_ms) console.log(`First chart: ${JSON.stringify(results.first_chart_ms.how)} (runs); a link with filters (${results.first_chart_linked_view_ms.url}), drawn by the first view: median ${results.first_chart_linked_view_ms.median} ms, p90 ${results.first_chart_linked_view_ms.p90} ms.`);
if (results.first_chart_steps_median_ms) console.log(`First view steps (median ms from navigation): ${JSON.stringify(results.first_chart_steps_median_ms)}`);
if (results.full_app_ready_ms) console.log(`Full app ready (takes over from the first view): median ${results.full_app_ready_ms.median} ms; first contentful paint median ${results.first_contentful_paint_ms.median} ms.`);
if (results.chartjs) {
  const c = results.chartjs;
  console.log(`\nChart.js page (same chart, same data): first chart median ${c.first_chart_ms.median} ms; ${kb(c.transfer.gzip)} KB gzip, ${kb(c.transfer.brotli)} KB brotli. Same line as coverboard: ${c.same_line.checked - (c.same_line.differ?.length ?? 0)}/${c.same_line.checked} months.`);
  if (results.comparison) console.log(`Ratios coverboard ÷ Chart.js: ${JSON.stringify(results.comparison)}`);
}
console.log(`\nAll figures: ${path.relative(REPO_ROOT, path.join(OUT, 'results.json'))}`);
