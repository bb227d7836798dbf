// Board presentation with the real data: the plain-English narrative, the presentation deck
// (keyboard navigation, slide furniture, follows the filters, notes, Escape) and the printed
// board pack (page.pdf: one page per view, each page's title in the PDF outline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, expected, waitForText, textOf, poll, canvasStats, looksDrawn } from './helpers.mjs';

const DATE = '2021-03-31';
const SLIDES = ['Where we stand', 'Trajectory and projection', 'By region', 'By model type, and the overlap', 'Map', 'Sites'];
let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function loadApp() {
  const session = await openPage(browser.context);
  await session.page.setViewportSize({ width: 1280, height: 800 });
  await session.page.goto(server.url);
  await session.page.locator('#headline-coverage').waitFor({ state: 'visible', timeout: 10_000 });
  return session;
}

const squash = (t) => t.replace(/\s+/g, ' ').trim();

test('narrative: the summary under the headline says what the core says, and follows the region', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    const paragraphs = page.locator('#narrative p');
    await waitForText(paragraphs.first(), eng.narrative[0]);
    assert.deepEqual((await paragraphs.allTextContents()).map(squash), eng.narrative.map(squash));
    assert.match(eng.narrative[0], new RegExp(eng.share_text.replace('.', '\\.')));
    assert.equal(await page.locator('#coverage-chart').getAttribute('aria-describedby'), 'narrative');
    await page.locator('#region-select').selectOption('E40000003');
    const london = expected('E40000003', DATE);
    await waitForText(paragraphs.first(), london.narrative[0]);
    assert.deepEqual((await paragraphs.allTextContents()).map(squash), london.narrative.map(squash));
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('deck: Present opens full-window slides; arrows, Page Up/Down, Home, End move; Escape leaves', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    await page.locator('#present').click();
    const deck = page.locator('#deck');
    await deck.waitFor({ state: 'visible' });
    assert.equal(await deck.getAttribute('role'), 'dialog');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'deck', 'the deck has focus, so the keys work at once');
    const number = page.locator('#deck-number');
    const title = page.locator('#deck-title');
    const at = async (i) => {
      await waitForText(number, `${i + 1} / ${SLIDES.length}`);
      assert.equal((await title.innerText()).trim(), SLIDES[i]);
      const meta = await deck.locator('.slide-meta').innerText();
      assert.match(meta, /as at 31 Mar 2021/);
      assert.match(meta, /data as at /);
      assert.match(meta, new RegExp(`Definition: ${eng.definition.replace(/[+()]/g, '\\$&')}`));
    };
    await at(0);
    assert.equal((await page.locator('#deck-coverage').innerText()).trim(), eng.share_text);
    assert.equal((await page.locator('#deck-verdict').innerText()).trim(), eng.verdict);
    await page.keyboard.press('ArrowRight');
    await at(1);
    const chart = 'canvas#deck-trajectory-chart';
    await poll(async () => looksDrawn(await canvasStats(page, chart)));
    const deckWidth = await page.locator(chart).evaluate((c) => c.getBoundingClientRect().width);
    assert.ok(deckWidth > 1000, `the chart fills the slide (${deckWidth}px wide)`);
    await page.keyboard.press('PageDown');
    await at(2);
    await page.keyboard.press('End');
    await at(5);
    assert.match(await page.locator('#deck-sites-count').innerText(), /sites? counted in England/);
    await page.keyboard.press('ArrowRight');
    await at(5);
    await page.keyboard.press('PageUp');
    await at(4);
    await page.keyboard.press('Home');
    await at(0);
    await page.keyboard.press('ArrowLeft');
    await at(0);
    // Buttons do the same for a pointer.
    await page.locator('#deck-next').click();
    await at(1);
    assert.match(await page.locator('#deck-live').textContent(), /Slide 2 of 6: Trajectory and projection/);
    // Speaker notes: the narrative.
    assert.equal(await page.locator('#deck-notes').isVisible(), false);
    await page.locator('#deck-notes-toggle').click();
    assert.equal(await page.locator('#deck-notes').isVisible(), true);
    assert.equal(squash(await page.locator('#deck-notes p').first().innerText()), squash(eng.narrative[0]));
    await deck.focus();
    await page.keyboard.press('Escape');
    await deck.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'present', 'focus goes back to Present');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('deck: slides follow the filters', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await page.locator('#region-select').selectOption('E40000010');
    await page.locator('#asat-date').fill('2019-06-30');
    await page.locator('#asat-date').dispatchEvent('change');
    const nw = expected('E40000010', '2019-06-30');
    await waitForText(page.locator('#headline-coverage'), nw.share_text);
    await page.locator('#present').click();
    await waitForText(page.locator('#deck-coverage'), nw.share_text);
    assert.match(await page.locator('#deck .slide-meta').innerText(), /North West · as at 30 Jun 2019/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('board pack: A4 landscape PDF, a summary page and one page per view, titled in order', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    await page.evaluate(() => {
      window.print = () => {
        window.__printCalls = (window.__printCalls || 0) + 1;
      };
    });
    await page.locator('#print-pack').click();
    await poll(() => page.evaluate(() => window.__printCalls === 1));
    const want = [`In brief: ${eng.narrative_title}`, ...SLIDES];
    // Every chart in the pack is drawn before the print dialog opens.
    for (const id of ['pack-trajectory-chart', 'pack-regions-chart', 'pack-models-chart']) {
      assert.ok(Number(await page.locator(`#${id}`).getAttribute('data-drawn')) >= 1, `${id} drawn`);
    }
    // On paper (print media; read before page.pdf, whose afterprint takes the pack down): no controls, and the headline figure and sources on the pages.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#present').isVisible(), false);
    assert.equal(await page.locator('#region-select').isVisible(), false);
    assert.equal((await page.locator('#pack-coverage').innerText()).trim(), eng.share_text);
    const footers = await page.locator('.pack-footer').allInnerTexts();
    assert.equal(footers.length, want.length);
    for (const f of footers) assert.match(f, /Open Government Licence/);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    const text = pdf.toString('latin1');
    const pages = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.equal(pages, want.length, `${pages} pages`);
    // A4 landscape: 842 × 595 points.
    const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
    assert.ok(box, 'a MediaBox');
    assert.ok(Math.abs(Number(box[1]) - 842) < 2 && Math.abs(Number(box[2]) - 595) < 2, `page size ${box[1]} × ${box[2]}`);
    // The outline: one entry per page, in order, each pointing at a different page.
    const entries = [...text.matchAll(/\/Title \(((?:[^()\\]|\\.)*)\)\s*\/Dest \[(\d+) 0 R/g)].map((m) => ({ title: m[1], page: m[2] }));
    assert.deepEqual(entries.map((e) => e.title), want);
    assert.equal(new Set(entries.map((e) => e.page)).size, want.length, 'each title on its own page');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('board pack: printing from the browser (Ctrl+P) prints the pack too, then the page is as it was', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const pdf = await page.pdf({ preferCSSPageSize: true, outline: true, tagged: true });
    const text = pdf.toString('latin1');
    const titles = [...text.matchAll(/\/Title \(((?:[^()\\]|\\.)*)\)\s*\/Dest/g)].map((m) => m[1]);
    assert.deepEqual(titles.slice(1), SLIDES);
    assert.equal((text.match(/\/Type\s*\/Page(?!s)/g) || []).length, SLIDES.length + 1);
    await poll(async () => (await page.locator('#board-pack').count()) === 0);
    assert.equal(await page.locator('#headline-coverage').isVisible(), true);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('deck: a link with slide=3 opens the deck at slide 3; moving on updates the address; Back goes back', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await openPage(browser.context);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}?region=E40000003&slide=3`);
    await page.locator('#deck').waitFor({ state: 'visible', timeout: 10_000 });
    await waitForText(page.locator('#deck-number'), '3 / 6');
    assert.equal((await page.locator('#deck-title').innerText()).trim(), 'By region');
    assert.match(await page.locator('#deck .slide-meta').innerText(), /^London · /);
    await page.locator('#deck').focus();
    await page.keyboard.press('ArrowRight');
    await waitForText(page.locator('#deck-number'), '4 / 6');
    await poll(async () => new URL(page.url()).searchParams.get('slide') === '4');
    await page.goBack();
    await waitForText(page.locator('#deck-number'), '3 / 6');
    // Past the last slide: the last one.
    await page.goto(`${server.url}?slide=40`);
    await waitForText(page.locator('#deck-number'), '6 / 6');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});
