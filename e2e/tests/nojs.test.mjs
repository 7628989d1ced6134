// Without JavaScript the pages are still there, prerendered: the
// methodology's rates table (Trafford 2013, §6.3) and the calculator's
// worked example (Example 3 of Appendix 1).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, text } from '../lib/harness.mjs';
import { example3 } from '../lib/cases.mjs';

const s = suite();

// Trafford 2013, §6.3, the Proposed Financial Model, as docs/rules.md copies
// it from the report: the fixed annual offer for 100–149, then £ per point
// per week.
const rates = {
  'Under 5': { '100–149': '£500.00', '150–199': '£0.10', '200–259': '£0.30', '260+': '£0.50' },
  '5–9 years': { '100–149': '£750.00', '150–199': '£0.20', '200–259': '£0.50', '260+': '£0.75' },
  '10–13 years': { '100–149': '£1,000.00', '150–199': '£0.30', '200–259': '£0.75', '260+': '£1.00' },
  '14 plus': { '100–149': '£1,300.00', '150–199': '£0.40', '200–259': '£1.00', '260+': '£1.30' },
};

test('without JavaScript, the Trafford methodology shows the rates table of §6.3 (£0.75 for 10–13, 200–259)', async () => {
  const page = await s.freshPage({ javaScriptEnabled: false });
  await page.goto(new URL('methodology/trafford-2013', s.url).href);
  const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'The financial model' }) });
  const cells = await table.evaluate((t) => {
    const head = [...t.tHead.rows[0].cells].map((c) => c.innerText.trim());
    return [...t.tBodies[0].rows].map((r) => Object.fromEntries([...r.cells].map((c, i) => [head[i], c.innerText.trim()])));
  });
  const byBand = Object.fromEntries(cells.map((r) => [r['Age band'], r]));
  for (const [band, row] of Object.entries(rates)) {
    assert.ok(byBand[band], `a row for ${band}`);
    for (const [scores, rate] of Object.entries(row)) {
      const column = Object.keys(byBand[band]).find((k) => k.startsWith(scores));
      assert.ok(column, `a column for ${scores}`);
      assert.ok(byBand[band][column].startsWith(rate), `${band}, ${scores}: ${byBand[band][column]}, want ${rate}`);
    }
  }
  assert.match(byBand['10–13 years'][Object.keys(byBand['10–13 years']).find((k) => k.startsWith('200–259'))], /^£0\.75/);
});

test('without JavaScript, the calculator page shows the worked example, Example 3', async () => {
  const page = await s.freshPage({ javaScriptEnabled: false });
  await page.goto(s.url);
  const example = page.locator('section.example');
  const t = await text(example);
  assert.match(t, /A worked example/);
  assert.match(t, /Example 3 of the Trafford report/);
  assert.ok(t.includes(`${example3.annual} a year`), t);
  for (const [from, amount] of example3.schedule) {
    assert.ok(t.includes(from) && t.includes(amount), `${from}: ${amount}`);
  }
  // The form is there to read.
  assert.equal(await page.locator('#score').count(), 1);
});
