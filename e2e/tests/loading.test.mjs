// While a page's program arrives, its loading line says what is loading, as
// a number that moves: the calculator on the calculator's pages, the
// scenario and cohort tools on the councillors' pages (which run a program
// of their own, councillor.wasm). site/loader.js takes any other text in
// the line for go-app's error and says the program could not start, so a
// line it did not know would read as a failure.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openContext, started, hasText, noProblems } from '../lib/harness.mjs';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer();
});
after(async () => { await server?.stop(); await browser?.close(); });

for (const [path, program, line] of [
  ['', 'app.wasm', 'Loading the calculator'],
  ['scenario', 'councillor.wasm', 'Loading the scenario and cohort tools'],
  ['cohort', 'councillor.wasm', 'Loading the scenario and cohort tools'],
]) {
  test(`/${path}: while ${program} arrives, the line says "${line}: N%", and the page then starts`, async () => {
    const context = await openContext(browser);
    // Whether the loading line was ever taken for a failure, as the
    // program's bytes came in and the line counted them.
    await context.addInitScript(() => {
      window.__loaderFailed = false;
      new MutationObserver(() => {
        if (document.querySelector('#app-wasm-loader.loader-failed')) window.__loaderFailed = true;
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    // The program is held back until the line has been read.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await context.route(`**/web/${program}`, async (route) => { await held; await route.continue(); });
    await page.goto(new URL(path, server.url).href);
    const label = page.locator('#app-wasm-loader-label');
    await hasText(label, `${line}: `);
    assert.match(await label.innerText(), new RegExp(`^${line}: \\d{1,3}%$`));
    assert.equal(await page.locator('#app-wasm-loader.loader-failed').count(), 0, 'the line is not taken for a failure');
    release();
    await started(page);
    assert.equal(await page.evaluate(() => window.__loaderFailed), false, 'the line was taken for a failure as the program arrived');
    noProblems(context);
    await context.close();
  });
}

// go-app writes the line once for each piece of the program that arrives,
// mostly with the figure it already shows. Each write made the browser lay
// out and paint the page again: on a phone's first visit, most of its main
// thread while the program downloads. The line takes a write only when it
// changes what the line says. The link is slowed, so that the program
// arrives in many more pieces than there are figures from 0 to 100.
test('/: the loading line is written only when its figure changes', async () => {
  const context = await openContext(browser);
  await context.addInitScript(() => {
    const seen = (window.__line = { writes: 0, same: 0, texts: [] });
    document.addEventListener('DOMContentLoaded', () => {
      const label = document.getElementById('app-wasm-loader-label');
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type !== 'childList' || r.addedNodes.length === 0) continue;
          seen.writes++;
          const before = [...r.removedNodes].map((n) => n.textContent).join('');
          const after = [...r.addedNodes].map((n) => n.textContent).join('');
          if (before === after) seen.same++;
          seen.texts.push(after);
        }
      }).observe(label, { childList: true });
    });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // 9 MB at 6 MB a second: about a second and a half, in pieces of a few
  // kilobytes each.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 6 * 1024 * 1024, uploadThroughput: 1024 * 1024 });
  // The page read (its loader there), and then the program's start waited
  // for, not the page's load event: the line is what is tested, and
  // started() names the figure the line stopped at if the program never
  // arrives. (Once, in a full run, the load event did not come within 30 s
  // on the slowed link; in 12 runs since, it did not happen again.)
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.locator('#app-wasm-loader').count(), 1, 'the page has its loader as it is read');
  await started(page);
  const line = await page.evaluate(() => window.__line);
  assert.ok(line.texts.some((t) => /^Loading the calculator: [1-9]\d?%$/.test(t)), `the line counted up: ${line.texts.slice(0, 5).join(' | ')}`);
  assert.equal(line.same, 0, `${line.same} of ${line.writes} writes to the line left it as it was`);
  assert.ok(line.writes <= 101, `the line was written ${line.writes} times, more than its 101 figures`);
  noProblems(context);
  await context.close();
});
