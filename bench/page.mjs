// The page every benchmark measures: the built dist served on 127.0.0.1, headless Chromium at
// 1280×900, the dashboard loaded and settled. EXTRA_CSS adds a stylesheet (to try a CSS change
// without rebuilding).
import { serveDist, launchBrowser, openPage } from '../tests/browser/helpers.mjs';

/** Opens the dashboard; returns { server, browser, page, close }. */
export async function openDashboard({ scrollTo } = {}) {
  const server = await serveDist();
  const browser = await launchBrowser();
  const { page } = await openPage(browser.context);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.url);
  await page.locator('#headline-coverage').waitFor();
  if (process.env.EXTRA_CSS) await page.addStyleTag({ content: process.env.EXTRA_CSS });
  if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { server, browser, page, close };
}

/** Changes the filter a scenario names: the as-at slider to month `i`, or the Region select. */
export function changeFilter({ slider, code, i }) {
  if (slider) {
    const el = document.querySelector('#asat-slider');
    el.value = String(15 + (i % 60));
    el.dispatchEvent(new Event('input', { bubbles: true }));
  } else {
    const sel = document.querySelector('#region-select');
    sel.value = code;
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
