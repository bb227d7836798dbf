// Scale benchmark (issue 7): an analyst's own site list of 10,000 sites, and a 100,000-row CSV.
//   (a) a generated 10,000-site × 20-code file loaded through the own-data panel, then the Region
//       select changed, with each chart on screen in turn (the main chart at the top, the
//       regions, the model types, the map opened, the sites table). Each change is timed as in
//       bench/repaint.mjs: change → last canvas redraw (`data-drawn`), and that work plus the
//       frame that shows it (work + frame render; views a screen away take the change in a task
//       queued at that frame, so their work is inside it). Median / p90 / max over the rounds.
//   (b) a generated 100,000-row sites CSV with 2 footprint codes a site (as examples/generate_sites
//       suggests for 100,000 rows; SCALE_ROWS_CODES for another number) loaded through the
//       own-data panel on a fresh page each run; the page's own `coverboard:parse-validate`
//       performance measure (decode, checks, CSV parse and validation against the areas) is read.
//       Median over the runs. The same with 20 codes a site (as the 10,000-site file has) is
//       reported beside it (parse_100k_20_codes, fewer runs; SCALE_ROWS_20=0 leaves it out).
// The last line printed is one JSON object with the results (bench/run.mjs parses it): the
// budget figures are repaint_10k.work_plus_frame_render_ms (the scenario with the highest median)
// and parse_100k.median_ms.
// Usage: trunk build --release && node bench/scale.mjs [rounds] [parse-runs]
//   COVERBOARD_DIST to override dist/. The files are made once under target/scale/ by
//   `cargo run --release --example generate_sites -- N K out.csv`; SCALE_SITES_CSV and
//   SCALE_ROWS_CSV name ready-made files instead; SCALE_ONLY=repaint or parse runs one part.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT, serveDist, launchBrowser, openPage } from '../tests/browser/helpers.mjs';
import { changeFilter } from './page.mjs';
import { stats } from './stats.mjs';

const rounds = Number(process.argv[2] || 20);
const parseRuns = Number(process.argv[3] || 5);
const SITES = 10_000;
const CODES = 20;
const ROWS = 100_000;
const ROW_CODES = Number(process.env.SCALE_ROWS_CODES || 2);
const codes = ['E40000003', 'ENG', 'E40000010', 'E40000005', 'ENG', 'E40000008'];
const log = (...args) => console.error(...args);

/** A generated sites file of `n` rows × `k` footprint codes (made once, kept under target/). */
function generated(n, k, override) {
  if (override) return path.resolve(override);
  const out = path.join(REPO_ROOT, 'target', 'scale', `sites-${n}x${k}.csv`);
  if (fs.existsSync(out)) return out;
  if (!fs.existsSync(path.join(REPO_ROOT, 'examples', 'generate_sites.rs'))) {
    throw new Error(`no ${out} and no examples/generate_sites.rs: set SCALE_SITES_CSV / SCALE_ROWS_CSV`);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  log(`generating ${out}`);
  execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'generate_sites', '--', String(n), String(k), out], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

/** A fresh page at 1280×900 with the dashboard shown. */
async function freshPage(browser, server) {
  const { page, pageErrors } = await openPage(browser.context);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.url);
  await page.locator('#headline-coverage').waitFor({ timeout: 30_000 });
  return { page, pageErrors };
}

/** Picks `file` in the own-data panel and waits until the page shows its `n` sites. */
async function loadOwn(page, file, n) {
  const t0 = Date.now();
  await page.locator('#own-file').setInputFiles(file);
  await page.locator('#own-summary').waitFor({ timeout: 120_000 });
  const summary = (await page.locator('#own-summary').textContent()).trim();
  const total = n.toLocaleString('en-GB');
  await page.waitForFunction((t) => document.querySelector('#sites-count')?.textContent.includes(`${t} in the data`) ||
    document.querySelector('#sites-count')?.textContent.includes(`of ${t} sites`), total, { timeout: 120_000 });
  return { summary, shown_ms: Date.now() - t0 };
}

/**
 * One Region change, timed in the page as bench/repaint.mjs does (work up to the last canvas
 * redraw, then the frame from its requestAnimationFrame to the task after it), with the end of
 * the change's own task (a message posted at the change is handled after it and its effects) so
 * that a change redrawing no canvas is timed too, and the moment the views a screen away have
 * followed (they take the change in tasks queued at the next frame; a task queued after theirs
 * marks the end).
 */
function timeChange({ code, i, change }) {
  return (async () => {
    const canvases = [...document.querySelectorAll('canvas')];
    const t0 = performance.now();
    let last = t0;
    const drawn = {};
    const obs = new MutationObserver((ms) => {
      last = performance.now();
      for (const m of ms) drawn[m.target.id || 'canvas'] = (drawn[m.target.id || 'canvas'] || 0) + 1;
    });
    canvases.forEach((c) => obs.observe(c, { attributes: true, attributeFilter: ['data-drawn'] }));
    new Function(`return ${change}`)()({ slider: false, code, i });
    const channel = new MessageChannel();
    const taskEnd = new Promise((r) => { channel.port1.onmessage = () => r(performance.now()); });
    channel.port2.postMessage(0);
    let rafAt = 0;
    let painted = 0;
    const settled = await new Promise((r) => requestAnimationFrame(() => {
      rafAt = performance.now();
      setTimeout(() => {
        painted = performance.now();
        setTimeout(() => r(performance.now()), 0);
      }, 0);
    }));
    const ended = await taskEnd;
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    // The change's task ended before the frame began: its work, then the frame's. A frame that
    // began before the message was handled came straight after the change's task: then the
    // whole time to the painted frame is counted (at most a frame's wait too many).
    const work = ended < rafAt ? Math.max(last, ended) - t0 + (painted - rafAt) : painted - t0;
    return {
      redraw: last - t0,
      work,
      painted: painted - t0,
      settled: settled - t0,
      drawn,
    };
  })();
}

const SCENARIOS = [
  { name: 'top', scrollTo: null, chart: 'coverage-chart' },
  { name: 'regions', scrollTo: '#regions-chart', chart: 'regions-chart' },
  { name: 'models', scrollTo: '#models-chart', chart: 'models-chart' },
  { name: 'map', scrollTo: '#map-canvas', chart: 'map-canvas', open: '#map-toggle' },
  { name: 'sites', scrollTo: '#sites-table', chart: null },
];

async function repaint(browser, server, file) {
  const { page, pageErrors } = await freshPage(browser, server);
  const load = await loadOwn(page, file, SITES);
  log(`(a) ${load.summary}; ${SITES} sites shown ${load.shown_ms} ms after the pick`);
  await page.waitForTimeout(1500);
  const out = { load_summary: load.summary, pick_to_table_ms: load.shown_ms, scenarios: {} };
  for (const s of SCENARIOS) {
    await page.evaluate(() => window.scrollTo(0, 0));
    if (s.open) {
      await page.locator(s.open).click();
      await page.locator(s.scrollTo).waitFor({ state: 'visible', timeout: 30_000 });
    }
    if (s.scrollTo) await page.locator(s.scrollTo).scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    const runs = [];
    for (let i = 0; i < rounds; i++) {
      runs.push(await page.evaluate(timeChange, { code: codes[i % codes.length], i, change: changeFilter.toString() }));
    }
    if (s.chart) {
      const missed = runs.filter((r) => !r.drawn[s.chart]).length;
      if (missed) log(`(a) ${s.name}: ${s.chart} not redrawn in ${missed} of ${rounds} changes`);
    }
    out.scenarios[s.name] = {
      work_plus_frame_render_ms: stats(runs.map((r) => r.work)),
      change_to_last_redraw_ms: stats(runs.map((r) => r.redraw)),
      change_to_frame_painted_ms: stats(runs.map((r) => r.painted)),
      change_to_all_views_followed_ms: stats(runs.map((r) => r.settled)),
      canvases_redrawn_per_change: Object.fromEntries(
        [...new Set(runs.flatMap((r) => Object.keys(r.drawn)))].map((id) => [id, +(runs.reduce((n, r) => n + (r.drawn[id] || 0), 0) / rounds).toFixed(2)]),
      ),
    };
    log(`(a) ${s.name}: work + frame ${JSON.stringify(out.scenarios[s.name].work_plus_frame_render_ms)}; all views followed ${JSON.stringify(out.scenarios[s.name].change_to_all_views_followed_ms)}`);
  }
  const [worst, w] = Object.entries(out.scenarios).sort((a, b) => b[1].work_plus_frame_render_ms.median - a[1].work_plus_frame_render_ms.median)[0];
  out.worst_scenario = worst;
  out.work_plus_frame_render_ms = w.work_plus_frame_render_ms;
  out.worst_p90_ms = Math.max(...Object.values(out.scenarios).map((s) => s.work_plus_frame_render_ms.p90));
  out.page_errors = pageErrors.length;
  await page.close();
  return out;
}

async function parseValidate(browser, server, file, parseRuns) {
  const runs = [];
  let summary = '';
  for (let i = 0; i < parseRuns; i++) {
    const { page } = await freshPage(browser, server);
    await page.waitForTimeout(500);
    const t0 = Date.now();
    await page.locator('#own-file').setInputFiles(file);
    await page.locator('#own-summary').waitFor({ timeout: 180_000 });
    const pick = Date.now() - t0;
    summary = (await page.locator('#own-summary').textContent()).trim();
    const m = await page.evaluate(() => performance.getEntriesByName('coverboard:parse-validate', 'measure').map((e) => ({ ms: e.duration, detail: e.detail })));
    if (!m.length) throw new Error('no coverboard:parse-validate measure in the page');
    runs.push({ ms: m[m.length - 1].ms, pick });
    log(`(b) run ${i + 1}: parse + validate ${m[m.length - 1].ms.toFixed(1)} ms (${JSON.stringify(m[m.length - 1].detail)}); pick → report ${pick} ms`);
    await page.close();
  }
  const ms = stats(runs.map((r) => r.ms));
  return {
    summary,
    median_ms: ms.median,
    parse_validate_ms: ms,
    pick_to_report_ms: stats(runs.map((r) => r.pick)),
  };
}

const only = process.env.SCALE_ONLY; // "repaint" or "parse": one part alone
const sitesFile = only === 'parse' ? null : generated(SITES, CODES, process.env.SCALE_SITES_CSV);
const rowsFile = only === 'repaint' ? null : generated(ROWS, ROW_CODES, process.env.SCALE_ROWS_CSV);
const rows20 = only === 'repaint' || process.env.SCALE_ROWS_20 === '0' || ROW_CODES === 20 ? null : generated(ROWS, 20);
const fileInfo = (file, n, k) => file && { path: path.relative(REPO_ROOT, file), [n === SITES ? 'sites' : 'rows']: n, codes: k, bytes: fs.statSync(file).size };
const server = await serveDist();
const browser = await launchBrowser();
let result;
try {
  const a = only === 'parse' ? null : await repaint(browser, server, sitesFile);
  const b = only === 'repaint' ? null : await parseValidate(browser, server, rowsFile, parseRuns);
  const b20 = rows20 ? await parseValidate(browser, server, rows20, Math.min(parseRuns, 3)) : null;
  result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(2)}`,
    rounds,
    sites_file: fileInfo(sitesFile, SITES, process.env.SCALE_SITES_CSV ? null : CODES),
    rows_file: fileInfo(rowsFile, ROWS, process.env.SCALE_ROWS_CSV ? null : ROW_CODES),
    repaint_10k: a,
    parse_100k: b,
    rows_20_file: fileInfo(rows20, ROWS, 20),
    parse_100k_20_codes: b20,
    budgets: {
      repaint_10k_ms: 50,
      repaint_10k_met: a ? a.work_plus_frame_render_ms.median <= 50 : null,
      parse_100k_ms: 300,
      parse_100k_met: b ? b.parse_validate_ms.median <= 300 : null,
    },
  };
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(result));
