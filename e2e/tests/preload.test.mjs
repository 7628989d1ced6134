// A first visit downloads the calculator's program once: every page's head
// asks for app.wasm as it is read (<link rel="preload">), and go-app's
// app.js, which fetches it later, takes that download rather than starting
// another, at the root of the host and under a sub-path. A preload that did
// not match the fetch (another credentials mode, another address) would
// show here as a second download, and as the browser's console warning.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, launch, openContext, visit, hasText, noProblems, DIST, DIST_PREFIX, PREFIX,
} from '../lib/harness.mjs';

const sites = [
  { name: 'at the root of the host', dir: DIST, prefix: '' },
  { name: `under the sub-path ${PREFIX}`, dir: DIST_PREFIX, prefix: PREFIX },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const site of sites) {
  describe(`app.wasm on a first visit, ${site.name}`, () => {
    let server;
    before(async () => { server = await startServer({ dir: site.dir, prefix: site.prefix }); });
    after(async () => { await server?.stop(); });

    test('each page\'s head preloads app.wasm as app.js fetches it', () => {
      for (const page of ['index.html', 'scenario.html', 'cohort.html', '404.html']) {
        const html = readFileSync(join(site.dir, page), 'utf8');
        const head = html.slice(0, html.indexOf('</head>'));
        assert.ok(
          head.includes(`<link rel="preload" href="${site.prefix}/web/app.wasm" as="fetch" type="application/wasm" crossorigin>`),
          `${page} preloads app.wasm`,
        );
      }
    });

    test('the page downloads app.wasm once, and the calculator answers', async (t) => {
      const context = await openContext(browser);
      t.after(() => context.close());
      const warnings = [];
      context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
      const page = await context.newPage();
      // The page's own requests (the service worker's are its own target):
      // each app.wasm request, and whether it came over the network.
      const cdp = await context.newCDPSession(page);
      const wasm = new Map();
      const wasmURL = server.url.replace(/\/$/, '') + '/web/app.wasm';
      cdp.on('Network.requestWillBeSent', (e) => {
        if (e.request.url === wasmURL) wasm.set(e.requestId, { cached: false, bytes: 0, done: false });
      });
      cdp.on('Network.requestServedFromCache', (e) => {
        if (wasm.has(e.requestId)) wasm.get(e.requestId).cached = true;
      });
      cdp.on('Network.responseReceived', (e) => {
        const r = wasm.get(e.requestId);
        if (r && (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache)) r.cached = true;
      });
      cdp.on('Network.loadingFinished', (e) => {
        const r = wasm.get(e.requestId);
        if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
      });
      await cdp.send('Network.enable');

      await visit(page, server.url, '#policy=trafford-2013&score=261&age=12');
      // 261 points × £1.00 × 52 weeks (Trafford report §6.3).
      await hasText(page.locator('#result'), '£13,572.00 a year');
      const downloads = [...wasm.values()].filter((r) => r.done && !r.cached && r.bytes > 0);
      assert.equal(downloads.length, 1, `app.wasm came over the network ${downloads.length} times for the page: ${JSON.stringify([...wasm.values()])}`);
      const preloadWarnings = warnings.filter((w) => /preload/i.test(w));
      assert.deepEqual(preloadWarnings, [], 'the browser warns of no unused or unmatched preload');
      noProblems(context);
    });
  });
}
