// Offline: after one visit the service worker keeps the site, so with the
// server stopped the calculator still starts and works out a budget, and the
// methodology can still be read; at the root of a host and under a sub-path
// (the site built with PREFIX=/openras and served under /openras).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, openContext, visit, started, enter, hasText, holdsProgram, eventually, DIST, DIST_PREFIX, PREFIX,
} from '../lib/harness.mjs';
import { example1 } from '../lib/cases.mjs';

const sites = [
  { name: 'at the root of the host', dir: DIST, prefix: '' },
  { name: `under the sub-path ${PREFIX}`, dir: DIST_PREFIX, prefix: PREFIX },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const site of sites) {
  describe(`offline, ${site.name}`, () => {
    let server;
    let context;
    let page;
    after(async () => { await context?.close(); await server?.stop(); });

    test('the first visit installs the service worker, which stores the program and then controls the page', async () => {
      server = await startServer({ dir: site.dir, prefix: site.prefix });
      assert.equal(new URL(server.url).pathname, `${site.prefix}/`);
      context = await openContext(browser);
      page = await context.newPage();
      await visit(page, server.url);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, server.url, 'the worker covers the site');
      await holdsProgram(page, server.url);
      await page.reload();
      await started(page);
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    });

    test('with the server stopped, a reload still starts the calculator, which works out a budget', async () => {
      assert.ok(page, 'the first visit ran');
      await server.stop();
      await assert.rejects(fetch(server.url), 'the server is stopped');
      await page.reload();
      await started(page);
      await enter(page, 'score', example1.values.score);
      await enter(page, 'age', example1.values.age);
      await hasText(page.locator('#result'), `${example1.annual} a year`);
    });

    test('with the server stopped, the methodology can be read', async () => {
      assert.ok(page, 'the first visit ran');
      await page.goto(new URL('methodology/trafford-2013', server.url).href);
      await hasText(page.locator('h1'), 'How Trafford 2013 works out a personal budget');
      await hasText(page.locator('table').first(), '£0.75');
    });

    test('offline, the pages log no errors', () => {
      assert.deepEqual(context.problems.console, []);
      assert.deepEqual(context.problems.pageErrors, []);
    });
  });
}

// On a phone's first visit the worker's own download (the pages, the
// reports' text and the rest it keeps, about 120 KB) would share the one
// link with the program, most of the page's bytes, and hold back the
// family's answer: the page registers the worker only once its program has
// arrived and started (site/loader.js).
describe('the service worker waits for the program', () => {
  test('on a first visit no worker is registered while the program downloads; once the calculator has started, one is, and it keeps the site', async () => {
    const server = await startServer({ dir: DIST, prefix: '' });
    const context = await openContext(browser);
    try {
      const page = await context.newPage();
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      let asked = false;
      await page.route('**/web/app.wasm', async (route) => {
        asked = true;
        await held;
        await route.continue();
      });
      await page.goto(`${server.url}#policy=trafford-2013&score=261&age=12`, { waitUntil: 'domcontentloaded' });
      await eventually(() => assert.ok(asked, 'the page asked for its program'));
      // go-app's app.js, a deferred script, has run and asked for the
      // worker by now: the page waits a moment longer for it to show.
      await page.waitForTimeout(1000);
      const early = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
      assert.equal(early, 0, 'a worker was registered while the program was still downloading');
      release();
      await started(page);
      await hasText(page.locator('#result'), '£13,572.00 a year');
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, server.url, 'the worker is registered once the program has started, and covers the site');
      await holdsProgram(page, server.url);
      assert.deepEqual(context.problems.pageErrors, []);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
