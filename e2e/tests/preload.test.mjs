// A first visit downloads its page's program once: every page's head asks
// for that page's program as it is read (<link rel="preload">), the
// calculator's app.wasm, or councillor.wasm on the scenario and cohort
// pages, and go-app's script (app.js, councillor.js), which fetches it
// later, takes that download rather than starting another, at the root of
// the host and under a sub-path. A preload that did not match the fetch
// (another credentials mode, another address) would show here as a second
// download, and as the browser's console warning. The calculator's page
// never asks for councillor.wasm, nor the scenario page for app.wasm.

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
  describe(`each page's program on a first visit, ${site.name}`, () => {
    let server;
    before(async () => { server = await startServer({ dir: site.dir, prefix: site.prefix }); });
    after(async () => { await server?.stop(); });

    test('each page\'s head preloads its own program as its script fetches it', () => {
      for (const [page, program] of [
        ['index.html', 'app.wasm'], ['404.html', 'app.wasm'], [join('methodology', 'trafford-2013.html'), 'app.wasm'],
        ['scenario.html', 'councillor.wasm'], ['cohort.html', 'councillor.wasm'],
      ]) {
        const html = readFileSync(join(site.dir, page), 'utf8');
        const head = html.slice(0, html.indexOf('</head>'));
        assert.ok(
          head.includes(`<link rel="preload" href="${site.prefix}/web/${program}" as="fetch" type="application/wasm" crossorigin>`),
          `${page} preloads ${program}`,
        );
        const other = program === 'app.wasm' ? 'councillor' : 'app';
        assert.ok(!head.includes(`/web/${other}.wasm`) && !head.includes(`${site.prefix}/${other}.js"`), `${page} names the other program`);
      }
    });

    // downloads opens path in a fresh context and counts, for each program,
    // the page's own requests for it that came over the network (the
    // service worker's are its own target); ready waits for the page.
    async function downloads(t, path, ready) {
      const context = await openContext(browser);
      t.after(() => context.close());
      const warnings = [];
      context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const base = server.url.replace(/\/$/, '');
      const programs = { 'app.wasm': new Map(), 'councillor.wasm': new Map() };
      const of = (id) => Object.values(programs).find((m) => m.has(id))?.get(id);
      cdp.on('Network.requestWillBeSent', (e) => {
        for (const [name, m] of Object.entries(programs)) {
          if (e.request.url === `${base}/web/${name}`) m.set(e.requestId, { cached: false, bytes: 0, done: false });
        }
      });
      cdp.on('Network.requestServedFromCache', (e) => {
        const r = of(e.requestId);
        if (r) r.cached = true;
      });
      cdp.on('Network.responseReceived', (e) => {
        const r = of(e.requestId);
        if (r && (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache)) r.cached = true;
      });
      cdp.on('Network.loadingFinished', (e) => {
        const r = of(e.requestId);
        if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
      });
      await cdp.send('Network.enable');

      await visit(page, server.url, path);
      await ready(page);
      const preloadWarnings = warnings.filter((w) => /preload/i.test(w));
      assert.deepEqual(preloadWarnings, [], 'the browser warns of no unused or unmatched preload');
      noProblems(context);
      const count = {};
      for (const [name, m] of Object.entries(programs)) {
        count[name] = { asked: m.size, downloaded: [...m.values()].filter((r) => r.done && !r.cached && r.bytes > 0).length };
      }
      return count;
    }

    test('the calculator downloads app.wasm once, never councillor.wasm, and answers', async (t) => {
      // 261 points × £1.00 × 52 weeks (Trafford report §6.3).
      const count = await downloads(t, '#policy=trafford-2013&score=261&age=12',
        (page) => hasText(page.locator('#result'), '£13,572.00 a year'));
      assert.equal(count['app.wasm'].downloaded, 1, `app.wasm came over the network ${count['app.wasm'].downloaded} times: ${JSON.stringify(count)}`);
      assert.equal(count['councillor.wasm'].asked, 0, `the calculator asked for councillor.wasm: ${JSON.stringify(count)}`);
    });

    test('the scenario page downloads councillor.wasm once, never app.wasm, and starts', async (t) => {
      const count = await downloads(t, 'scenario#policy=trafford-2013&score=261&age=12',
        (page) => hasText(page.locator('h1'), 'Try a change to the rules'));
      assert.equal(count['councillor.wasm'].downloaded, 1, `councillor.wasm came over the network ${count['councillor.wasm'].downloaded} times: ${JSON.stringify(count)}`);
      assert.equal(count['app.wasm'].asked, 0, `the scenario page asked for app.wasm: ${JSON.stringify(count)}`);
    });
  });
}
