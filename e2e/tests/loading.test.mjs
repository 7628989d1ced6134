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
