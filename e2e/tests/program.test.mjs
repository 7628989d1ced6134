// The site's two programs are most of its bytes, and on a phone the page
// and its service worker share one link. So on a first visit to the
// calculator its program, app.wasm, comes over the network once in all, the
// page's download and the worker's copy together: the worker stores it once
// the page has it, from the browser's HTTP cache (wasm/worker.js,
// site/loader.js), with wasm serve's headers (no-cache, no validator) and
// with GitHub Pages' (max-age 600 and an ETag); and the scenario and cohort
// pages' program, councillor.wasm, is not downloaded at all. After that first
// visit, with no connection, a reload still starts the calculator and shows a
// result, and the methodology starts too; the scenario page, whose program
// the worker does not hold, says its program could not start. Back online,
// the scenario page downloads councillor.wasm once, through the worker,
// which stores it as it passes: offline after that, the scenario page starts
// too. At the root of a host and under a sub-path. On an update, the new
// worker downloads as it installs the programs the old one held, and only
// those.
//
// A counting proxy stands in front of wasm serve: it counts the answers to
// each program that carried it, whoever asked (the page or the worker).
// The browser keeps a profile on disk, as a phone's does: an incognito
// context's HTTP cache lives in memory and takes nothing as large as
// app.wasm, so there the worker downloads its own copy (the site still
// works offline after one visit; offline.test.mjs covers that).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  startServer, visit, started, hasText, holdsProgram, eventually, noProblems, CHROMIUM, DIST, DIST_PREFIX, PREFIX, START_TIMEOUT,
} from '../lib/harness.mjs';

const sites = [
  { name: 'at the root of the host', dir: DIST, prefix: '' },
  { name: `under the sub-path ${PREFIX}`, dir: DIST_PREFIX, prefix: PREFIX },
];

// GitHub Pages' caching headers, in place of wasm serve's no-cache.
const PAGES_CACHE = 'max-age=600';

// counting puts a proxy in front of upstream (a started server). It counts
// the answers for each program (counts['app.wasm'], counts['councillor.wasm'])
// by status; with pages, it sends GitHub Pages' caching headers (max-age=600
// and an ETag, answering a matching If-None-Match with 304 Not Modified)
// instead of wasm serve's.
async function counting(upstream, { pages = false } = {}) {
  const counts = { 'app.wasm': { 200: 0, 304: 0, other: 0 }, 'councillor.wasm': { 200: 0, 304: 0, other: 0 } };
  const target = new URL(upstream.url);
  const proxy = createServer((req, res) => {
    const path = new URL(req.url, target).pathname;
    const program = Object.keys(counts).find((name) => path.endsWith(`/web/${name}`));
    const etag = `"${Buffer.from(req.url.split('?')[0]).toString('hex')}"`;
    if (pages && req.headers['if-none-match'] === etag) {
      if (program) counts[program][304]++;
      res.writeHead(304, { etag, 'cache-control': PAGES_CACHE });
      res.end();
      return;
    }
    const headers = { ...req.headers, host: target.host };
    delete headers['if-none-match'];
    delete headers['if-modified-since'];
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (answer) => {
      const out = { ...answer.headers };
      if (pages) {
        out['cache-control'] = PAGES_CACHE;
        out.etag = etag;
      }
      if (program) counts[program][answer.statusCode === 200 ? 200 : 'other']++;
      res.writeHead(answer.statusCode, out);
      answer.pipe(res);
    });
    up.on('error', () => { res.destroy(); });
    req.pipe(up);
  });
  await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));
  const { port } = proxy.address();
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    counts,
    stop: () => new Promise((ok) => { proxy.closeAllConnections(); proxy.close(ok); }),
  };
}

// withProfile starts Chromium on a fresh profile kept on disk, whose pages
// record their console errors and uncaught exceptions (as the harness's
// openContext does); closing it removes the profile.
async function withProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'openras-e2e-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  context.problems = { console: [], pageErrors: [], csp: [] };
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') context.problems.console.push({ page: page.url(), text: m.text() });
    });
    page.on('pageerror', (e) => context.problems.pageErrors.push({ page: page.url(), text: String(e) }));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(dir, { recursive: true, force: true }); };
  return context;
}

for (const site of sites) {
  for (const headers of ['wasm serve\'s headers', 'GitHub Pages\' headers']) {
    const pages = headers.startsWith('GitHub');
    describe(`each program on a first visit, with ${headers}, ${site.name}`, () => {
      let server;
      let proxy;
      let context;
      let page;
      before(async () => {
        server = await startServer({ dir: site.dir, prefix: site.prefix });
        proxy = await counting(server, { pages });
      });
      after(async () => { await context?.close(); await proxy?.stop(); await server?.stop(); });
      const none = { 200: 0, 304: 0, other: 0 };

      test('the calculator: app.wasm over the network once in all, the page\'s download and the worker\'s copy together; councillor.wasm never', async () => {
        context = await withProfile();
        page = context.pages()[0] || await context.newPage();
        await visit(page, proxy.url, '#policy=trafford-2013&score=261&age=12');
        // 261 points × £1.00 × 52 weeks (Trafford report §6.3).
        await hasText(page.locator('#result'), '£13,572.00 a year');
        await holdsProgram(page, proxy.url);
        const app = proxy.counts['app.wasm'];
        assert.equal(app[200], 1, `app.wasm answered in full ${app[200]} times: ${JSON.stringify(proxy.counts)}`);
        assert.equal(app.other, 0, JSON.stringify(proxy.counts));
        assert.deepEqual(proxy.counts['councillor.wasm'], none, 'the calculator\'s visit asked for councillor.wasm');
        noProblems(context);
      });

      test('with no connection after it, the calculator and the methodology start; the scenario page says its program could not start', async () => {
        assert.ok(page, 'the first visit ran');
        await context.setOffline(true);
        await page.reload();
        await started(page);
        await hasText(page.locator('#result'), '£13,572.00 a year');
        assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the worker answered');
        await visit(page, proxy.url, 'methodology/trafford-2013');
        await hasText(page.locator('h1'), 'How Trafford 2013 works out a personal budget');
        noProblems(context);
        await page.goto(new URL('scenario', proxy.url).href);
        await hasText(page.locator('h1'), 'Try a change to the rules');
        await hasText(page.locator('#app-wasm-loader-label'), 'The scenario and cohort tools could not start', 'opened with one');
        assert.equal(proxy.counts['app.wasm'][200], 1, `app.wasm went over the network again: ${JSON.stringify(proxy.counts)}`);
        assert.deepEqual(proxy.counts['councillor.wasm'], none, JSON.stringify(proxy.counts));
      });

      test('back online, the scenario page downloads councillor.wasm once, which the worker keeps: offline again, it starts', async () => {
        assert.ok(page, 'the first visit ran');
        await context.setOffline(false);
        await page.reload();
        await started(page);
        await holdsProgram(page, proxy.url, { program: 'councillor.wasm' });
        const councillor = proxy.counts['councillor.wasm'];
        assert.equal(councillor[200], 1, `councillor.wasm answered in full ${councillor[200]} times: ${JSON.stringify(proxy.counts)}`);
        assert.equal(councillor.other, 0, JSON.stringify(proxy.counts));
        assert.equal(proxy.counts['app.wasm'][200], 1, `app.wasm went over the network again: ${JSON.stringify(proxy.counts)}`);
        await context.setOffline(true);
        await page.reload();
        await started(page);
        await hasText(page.locator('h1'), 'Try a change to the rules');
        assert.equal(councillor[200], 1, `councillor.wasm went over the network again: ${JSON.stringify(proxy.counts)}`);
      });
    });
  }
}

// update gives the site in dir a new version, as a deploy does: its service
// worker changes, which the browser installs at its next check.
function update(dir) {
  const file = join(dir, 'app-worker.js');
  const worker = readFileSync(file, 'utf8');
  const m = /const version = "([^"]*)";/.exec(worker);
  assert.ok(m, 'the worker names its version');
  const next = `${m[1]}-next`;
  writeFileSync(file, worker.replace(m[0], `const version = "${next}";`));
  return next;
}

// stored waits until the page's worker has installed version and tells
// which of the two programs its store holds.
async function stored(page, base, version) {
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  return eventually(async () => {
    const held = await page.evaluate(async ([name, urls]) => {
      const keys = await caches.keys();
      if (!keys.includes(name)) return null;
      const cache = await caches.open(name);
      const out = {};
      for (const [program, url] of Object.entries(urls)) out[program] = Boolean(await cache.match(url));
      return { keys, ...out };
    }, [`openras-${version}`, { app: new URL('web/app.wasm', base).href, councillor: new URL('web/councillor.wasm', base).href }]);
    assert.ok(held, `the worker of version ${version} has not installed`);
    assert.deepEqual(held.keys, [`openras-${version}`], 'the old version\'s store is not deleted');
    return { app: held.app, councillor: held.councillor };
  }, { timeout: START_TIMEOUT });
}

describe('an update, at the root of the host', () => {
  let dir;
  let server;
  let context;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openras-e2e-site-'));
    cpSync(DIST, dir, { recursive: true });
    server = await startServer({ dir });
  });
  after(async () => {
    await context?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('downloads the programs the old version held, and only those', async () => {
    context = await withProfile();
    const page = context.pages()[0] || await context.newPage();
    await visit(page, server.url);
    await holdsProgram(page, server.url);
    assert.deepEqual(await stored(page, server.url, update(dir)), { app: true, councillor: false }, 'after a visit to the calculator alone');

    await visit(page, server.url, 'scenario');
    await holdsProgram(page, server.url, { program: 'councillor.wasm' });
    assert.deepEqual(await stored(page, server.url, update(dir)), { app: true, councillor: true }, 'after a visit to the scenario page too');
    noProblems(context);
  });
});
