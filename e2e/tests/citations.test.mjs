// Citations open the report at what they cite: on the calculator with the
// Trafford report's Example 3, a "Trafford 2013, §6.3" link opens the
// report's own page (not "Page not found") with §6.3 as the place the
// address points at (:target), in view and marked; at the root of a host and
// under a sub-path. The report's page reads with JavaScript off, and offline
// after a first visit.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, openContext, openPage, visit, started, hasText, holdsProgram, eventually, fragment, noProblems, axe, describeViolations,
  DIST, DIST_PREFIX, PREFIX,
} from '../lib/harness.mjs';
import { example3 } from '../lib/cases.mjs';

const sites = [
  { name: 'at the root of the host', dir: DIST, prefix: '' },
  { name: `under the sub-path ${PREFIX}`, dir: DIST_PREFIX, prefix: PREFIX },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// cited is what the page shows of the place its address points at.
async function cited(page) {
  return page.evaluate(() => {
    const t = document.querySelector(':target');
    if (!t) return null;
    const r = t.getBoundingClientRect();
    const marked = getComputedStyle(t).backgroundColor;
    return {
      id: t.id,
      text: t.textContent.replace(/\s+/g, ' ').trim(),
      inView: r.bottom > 0 && r.top < innerHeight,
      marked: marked !== 'rgba(0, 0, 0, 0)' && marked !== 'transparent',
    };
  });
}

for (const site of sites) {
  describe(`a citation of §6.3, ${site.name}`, () => {
    let server;
    let context;
    before(async () => {
      server = await startServer({ dir: site.dir, prefix: site.prefix });
      context = await openContext(browser);
    });
    after(async () => { await context?.close(); await server?.stop(); });

    test('on the calculator with Example 3, the §6.3 link opens the report at §6.3, marked', async () => {
      const page = await context.newPage();
      await visit(page, server.url, fragment(example3.values));
      await hasText(page.locator('#result'), example3.annual);
      const link = page.locator('main a', { hasText: /^Trafford 2013, §6\.3$/ }).locator('visible=true').first();
      assert.equal(await link.getAttribute('href'), `${site.prefix}/reports/trafford-2013#s6.3`);
      await link.click();
      await page.waitForURL(`**${site.prefix}/reports/trafford-2013#s6.3`);
      await started(page);
      await hasText(page.locator('h1'), 'Personalisation');
      assert.doesNotMatch(await page.locator('main').innerText(), /Page not found/);
      const t = await eventually(async () => {
        const c = await cited(page);
        assert.equal(c?.id, 's6.3', 'the §6.3 heading is the :target');
        assert.ok(c.inView, 'in view');
        return c;
      });
      assert.match(t.text, /^6\.3 Financial Model$/);
      assert.ok(t.marked, 'the cited heading is marked');
      await hasText(page.locator('#s6\\.3 ~ .report-table').first(), '£1,300.00');
      noProblems(context);
    });

    test('a link straight to §6.3 opens there, and the report keeps its headings and emphasis', async () => {
      const page = await context.newPage();
      await page.goto(new URL('reports/trafford-2013#s6.3', server.url).href);
      await started(page);
      await eventually(async () => assert.equal((await cited(page))?.id, 's6.3'));
      const html = await page.locator('.report-text').innerHTML();
      assert.doesNotMatch(html, /&lt;(sup|b|p)&gt;|\*\*Report to/, 'no markup shows as text');
      assert.equal(await page.locator('.report-text strong', { hasText: 'Report to:' }).count(), 1, '**bold** is <strong>');
      assert.equal(await page.locator('#s6\\.3').evaluate((e) => e.tagName), 'H3');
      assert.ok(await page.locator('.report-text sup').count() > 0, 'superscripts are <sup>');
      assert.equal(await page.locator('#appendix-1').evaluate((e) => e.tagName), 'H2');
      const violations = await axe(page);
      assert.deepEqual(violations, [], describeViolations(violations));
      await page.close();
      noProblems(context);
    });
  });
}

describe('the report page without JavaScript', () => {
  let server;
  before(async () => { server = await startServer({ dir: DIST_PREFIX, prefix: PREFIX }); });
  after(async () => { await server?.stop(); });

  test('shows its title, where it was published, and its text at §6.3', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(new URL('reports/rotherham-2017#s8.1', server.url).href);
    await hasText(page.locator('h1'), 'The introduction of a Resource Allocation System');
    await hasText(page.locator('main'), 'report to Cabinet and Commissioners\' Decision Making Meeting, 10 July 2017',
      'moderngov.rotherham.gov.uk');
    await page.goto(new URL('reports/trafford-2013#s6.3', server.url).href);
    await hasText(page.locator('#s6\\.3'), '6.3 Financial Model');
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 's6.3');
    await hasText(page.locator('main'), 'As a benchmark any child scoring under 100 points');
    await page.context().close();
  });
});

describe('the report page offline', () => {
  let server;
  let context;
  after(async () => { await context?.close(); await server?.stop(); });

  test('after a first visit to the calculator, the report opens with the server stopped', async () => {
    server = await startServer({ dir: DIST_PREFIX, prefix: PREFIX });
    context = await openContext(browser);
    const page = await context.newPage();
    await visit(page, server.url);
    // The worker active and holding app.wasm before the reload, or the page
    // reloaded has none (as the offline tests wait).
    await holdsProgram(page, server.url);
    await page.reload();
    await started(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    await server.stop();
    await assert.rejects(fetch(server.url), 'the server is stopped');
    await page.goto(new URL('reports/trafford-2013#s6.3', server.url).href);
    await hasText(page.locator('#s6\\.3'), '6.3 Financial Model');
    await started(page);
    await eventually(async () => assert.equal((await cited(page))?.id, 's6.3'));
    noProblems(context);
  });
});
