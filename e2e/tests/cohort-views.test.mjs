// The cohort page's comparison views: the two children of
// fixtures/two-children.csv (12 years old, 200 and 210 points) under Trafford
// 2013 with the 10–13, 200–259 rate changed from £0.75 to £0.80 (worked by
// hand in cohort.test.mjs: £15,990.00 → £17,056.00, +£1,066.00, both gain
// in the score band 200–259); the difference charts, the children sorted by
// their difference, each chart's data as CSV, the page with no scenario, the
// Rotherham one-child comparison and the rates table's labels on a phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { suite, visit, hasText, E2E, loadCohort, parseCSV } from '../lib/harness.mjs';

const s = suite({ warm: true });
const fixture = (name) => join(E2E, 'fixtures', name);
const CHANGED = '#policy=trafford-2013&c=rates.10-13.200-259%3D%220.80%22';
const shots = '/tmp/shots-r3p2';

test('a rate changed: gains by score band, the difference charts, the children by difference and each chart\'s data', async () => {
  for (const width of [1280, 375]) {
    const page = await s.page({ viewport: { width, height: 900 } });
    await visit(page, s.url, `cohort${CHANGED}`);
    await loadCohort(page, fixture('two-children.csv'));
    await hasText(page.locator('#cohort-results .headline'), '£15,990.00 now, £17,056.00 under the scenario');
    const band = page.locator('#score-gains tr').filter({ hasText: '200–259' });
    // Score band, gain, lose, same, gained, lost, change.
    assert.deepEqual((await band.locator('th, td').allInnerTexts()).map((c) => c.trim()),
      ['200–259', '2', '0', '0', '£1,066.00', '£0.00', '+£1,066.00']);
    assert.equal(await page.locator('#change-age-figure svg, #change-score-figure svg').count(), 2);
    await page.locator('#show-child-changes').click();
    // 200 × 0.05 × 52 = 520.00 and 210 × 0.05 × 52 = 546.00: the larger first.
    const diffs = () => page.locator('#child-changes-table tbody tr td:last-child').allInnerTexts();
    await hasText(page.locator('#child-changes-note'), '2 children gain, 0 lose');
    assert.deepEqual(await diffs(), ['+£546.00', '+£520.00']);
    await page.selectOption('#child-sort', 'line');
    await hasText(page.locator('#child-changes-table tbody tr').first(), '+£520.00');
    await page.screenshot({ path: `${shots}/cohort-views-${width}.png`, fullPage: true });
    if (width !== 1280) continue;
    // No amount wider than its cell on a desktop.
    const over = await page.locator('#cohort-results td.num').evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.innerText));
    assert.deepEqual(over, []);
    // Each chart's data downloads as CSV.
    const links = page.getByRole('button', { name: 'Download this chart\'s data (CSV)' });
    const n = await links.count();
    assert.ok(n >= 5, `${n} chart data links`);
    for (let i = 0; i < n; i++) {
      const [dl] = await Promise.all([page.waitForEvent('download'), links.nth(i).click()]);
      assert.match(dl.suggestedFilename(), /\.csv$/);
      const rows = parseCSV(readFileSync(await dl.path(), 'utf8'));
      assert.ok(rows.length >= 2, dl.suggestedFilename());
      if (dl.suggestedFilename() === 'chart-change-by-score-band.csv') {
        assert.deepEqual(rows[0], ['score_band', 'gain', 'lose', 'same', 'gained', 'lost', 'difference']);
        assert.deepEqual(rows.find((r) => r[0] === '200–259'), ['200–259', '2', '0', '0', '1066.00', '0.00', '1066.00']);
      }
    }
  }
});

test('with no scenario the page says so and shows the published figures once', async () => {
  const page = await s.page();
  await visit(page, s.url, 'cohort#policy=trafford-2013');
  await loadCohort(page, fixture('two-children.csv'));
  await hasText(page.locator('#no-scenario'), 'No scenario set: these are the published policy\'s figures');
  assert.equal(await page.locator('#cohort-results th', { hasText: /^Scenario$/ }).count(), 0);
});

test('a Rotherham scenario compares one child by the allocation the family was told', async () => {
  const page = await s.page();
  await visit(page, s.url, 'scenario#policy=rotherham-2017');
  await hasText(page.locator('label[for="child-allocation"]'), 'Allocation told');
  await page.fill('#child-allocation', '9367');
  await page.fill('#child-age', '12');
  await hasText(page.locator('.compare'), '£9,367.00 a year');
});

test('on a phone the rates table keeps its row labels in view when scrolled sideways', async () => {
  const page = await s.page({ viewport: { width: 375, height: 800 } });
  await visit(page, s.url, 'scenario#policy=trafford-2013');
  const wrap = page.locator('.table-wrap').filter({ has: page.locator('.rates-table') });
  await wrap.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  const label = page.locator('.rates-table tbody th').first();
  const [w, l] = [await wrap.boundingBox(), await label.boundingBox()];
  assert.ok(l.x >= w.x - 1 && l.x < w.x + 5, `the label at ${l.x}, the frame at ${w.x}`);
  await page.screenshot({ path: `${shots}/rates-375.png` });
});
