// Hosting: every page's <meta> Content-Security-Policy comes before any
// script (a <meta> policy governs only what follows it), at the root and
// under a sub-path; `wasm serve` sends the headers the README asks a host to
// send, frame-ancestors 'none' among them; and after one visit the "Page not
// found" page answers an unknown address with no connection.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  startServer, launch, openContext, visit, started, hasText, holdsProgram, DIST, DIST_PREFIX, PREFIX,
} from '../lib/harness.mjs';

const sites = [
  { name: 'at the root of the host', dir: DIST, prefix: '' },
  { name: `under the sub-path ${PREFIX}`, dir: DIST_PREFIX, prefix: PREFIX },
];

// pagesOf lists the generated site's pages, as paths of the site.
function pagesOf(dir) {
  const out = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.html')) {
      const rel = relative(dir, join(e.parentPath ?? e.path, e.name)).replace(/\.html$/, '');
      out.push(rel === 'index' ? '' : rel);
    }
  }
  return out.sort();
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const site of sites) {
  describe(`hosting, ${site.name}`, () => {
    let server;
    before(async () => { server = await startServer({ dir: site.dir, prefix: site.prefix }); });
    after(async () => { await server?.stop(); });

    test('every page, as served, has its Content-Security-Policy before any script or stylesheet', async () => {
      const pages = pagesOf(site.dir);
      for (const p of ['', 'scenario', 'cohort', '404', 'methodology/trafford-2013', 'reports/trafford-2013']) {
        assert.ok(pages.includes(p), `the site has the page ${JSON.stringify(p)}; it has ${pages.join(', ')}`);
      }
      for (const p of pages) {
        const html = await (await fetch(new URL(p, server.url))).text();
        const head = html.slice(0, html.indexOf('</head>'));
        const csp = head.search(/<meta http-equiv="Content-Security-Policy" content="default-src 'self';/);
        assert.ok(csp > 0, `${p || 'index'}: the page has its policy in its <head>`);
        for (const tag of ['<script', '<link']) {
          const at = head.indexOf(tag);
          assert.ok(at < 0 || at > csp, `${p || 'index'}: ${tag} comes before the policy`);
        }
        assert.ok(head.indexOf('<meta charset="UTF-8">') < csp, `${p || 'index'}: the character set is still first`);
      }
    });

    test('in the browser, the head\'s first script comes after the policy', async () => {
      const context = await openContext(browser);
      try {
        const page = await context.newPage();
        for (const p of ['', 'scenario', 'cohort']) {
          await visit(page, server.url, p);
          const order = await page.evaluate(() => {
            const els = [...document.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"], script')];
            return els.map((e) => (e.tagName === 'META' ? 'csp' : 'script'));
          });
          assert.equal(order[0], 'csp', `${p || 'index'}: ${order.join(', ')}`);
        }
        assert.deepEqual(context.problems.csp, [], 'no Content-Security-Policy violations');
      } finally {
        await context.close();
      }
    });

    test('wasm serve sends frame-ancestors \'none\', nosniff, no referrer, and WebAssembly as application/wasm', async () => {
      for (const p of ['', 'scenario', 'no/such/page', 'web/app.wasm']) {
        const res = await fetch(new URL(p, server.url));
        await res.arrayBuffer();
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /(^|;\s*)frame-ancestors 'none'(;|$)/, `${p}: ${csp}`);
        assert.match(csp, /^default-src 'self';/, `${p}: ${csp}`);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer', p);
      }
      const wasm = await fetch(new URL('web/app.wasm', server.url));
      await wasm.arrayBuffer();
      assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    });
  });

  describe(`the page not found, offline, ${site.name}`, () => {
    let server;
    let context;
    after(async () => { await context?.close(); await server?.stop(); });

    test('after one visit, an unknown address with the server stopped shows the page not found', async () => {
      server = await startServer({ dir: site.dir, prefix: site.prefix });
      context = await openContext(browser);
      const page = await context.newPage();
      await visit(page, server.url);
      await page.evaluate(() => navigator.serviceWorker.ready);
      // The worker stores app.wasm once the program has arrived: the reload
      // below then starts offline too.
      await holdsProgram(page, server.url);
      await page.reload();
      await started(page);
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
      await server.stop();
      await assert.rejects(fetch(server.url), 'the server is stopped');
      const response = await page.goto(new URL('no/such/page', server.url).href);
      assert.equal(response.status(), 404);
      await hasText(page.locator('h1'), 'Page not found');
      await hasText(page.locator('main'), 'Go to the personal budget calculator');
    });
  });
}
