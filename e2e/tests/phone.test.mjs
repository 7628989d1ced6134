// On a phone (375 × 812 CSS pixels), as a parent meets the result: the
// headline says how the budget compares with now, the copy and print
// buttons are on the first screen of the result, the working opens and
// closes, a result of one date draws no chart, and what to do next is there
// with its citations, which open the report's page at the section. The
// methodology page sets the report's worked examples beside the engine's
// figures. Screenshots at 375 × 812 and 1280 × 800 are kept in artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, hasText, fragment, artifact, eventually } from '../lib/harness.mjs';
import { example1, example3, rotherham } from '../lib/cases.mjs';

const s = suite();
const phone = { width: 375, height: 812 };

async function shot(page, name) {
  await page.screenshot({ path: artifact('phone', `${name}.png`), fullPage: true });
}

test('Example 3 on a phone: "£1,428.00 a year less than now", with the copy and print buttons on the first screen', async () => {
  const page = await s.page({ viewport: phone });
  await visit(page, s.url, fragment(example3.values));
  await hasText(page.locator('#result'), `${example3.annual} a year`);
  // Base cost £15,000.00 − allocation 261 × £1.00 × 52 = £13,572.00 is
  // £1,428.00 (Trafford 2013, Appendix 1, Example 3).
  await hasText(page.locator('#result[aria-live="polite"] .compare-now'), '£1,428.00 a year less than now', '£15,000.00');
  await page.locator('#result').scrollIntoViewIfNeeded();
  const top = (await page.locator('#result').boundingBox()).y;
  for (const name of ['Copy a link to this result', 'Print']) {
    const button = page.getByRole('button', { name, exact: true });
    const box = await button.boundingBox();
    assert.ok(box, `the ${name} button is shown`);
    assert.ok(box.y + box.height - top <= phone.height, `the ${name} button ends ${Math.round(box.y + box.height - top)}px below the headline's top, past the first screen`);
  }
  await shot(page, 'example3-375');
});

test('Example 1 says "more than now"; the working opens and closes; one date draws no chart', async () => {
  const page = await s.page({ viewport: phone });
  await visit(page, s.url, fragment(example1.values));
  await hasText(page.locator('#result'), `${example1.annual} a year`);
  // 267 × £0.75 × 52 = £10,413.00 against £8,637.00: £1,776.00 more.
  await hasText(page.locator('#result[aria-live="polite"] .compare-now'), '£1,776.00 a year more than now');

  // Group 1: the allocation at once, a schedule of one date, and no chart.
  const transition = page.locator('.result section', { hasText: 'Moving from the current package' });
  await hasText(transition, example1.schedule[0][0], example1.schedule[0][1]);
  assert.equal(await transition.locator('tbody tr').count(), 1, 'one date in the table');
  assert.equal(await transition.locator('svg').count(), 0, 'no one-point chart');

  const working = page.locator('.result details.working');
  const summary = working.locator('summary');
  const firstStep = working.locator('ol.steps li').first();
  assert.equal(await firstStep.isVisible(), false, 'the working is closed at first');
  await summary.click();
  await eventually(async () => assert.ok(await firstStep.isVisible(), 'the working opens'));
  await shot(page, 'example1-working-open-375');
  await summary.click();
  await eventually(async () => assert.equal(await firstStep.isVisible(), false, 'the working closes'));
  // By keyboard too: Enter on the summary opens it.
  await summary.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.ok(await firstStep.isVisible(), 'Enter opens the working'));
});

test('what to do next: the report\'s lines with citations into its page, and the routes for every family, with no link out', async () => {
  const page = await s.page({ viewport: phone });
  const cases = [
    [example3.values, 'trafford-2013', [
      ['duty to meet eligible assessed needs', '#s2.7'],
      ['revised transition plan', '#appendix-1'],
    ]],
    [rotherham.values, 'rotherham-2017', [
      ['reasonable notice and written reasons', '#s8.1'],
    ]],
  ];
  for (const [values, id, lines] of cases) {
    await visit(page, s.url, fragment(values));
    const next = page.locator('.result section.next');
    await hasText(next, 'What you can do next', 'SEND information, advice and support service', 'parent carer forum', 'complaints procedure');
    for (const [words, anchor] of lines) {
      const item = next.locator('li', { hasText: words });
      const href = await item.locator('.cite a').getAttribute('href');
      assert.equal(new URL(href, s.url).pathname + new URL(href, s.url).hash, `/reports/${id}${anchor}`, `"${words}" cites ${anchor}`);
    }
    for (const href of await next.locator('a').evaluateAll((as) => as.map((a) => a.href))) {
      assert.equal(new URL(href).origin, new URL(s.url).origin, `a link out of the site: ${href}`);
      assert.ok(new URL(href).pathname.startsWith('/reports/'), `only citations link: ${href}`);
    }
  }
  // A citation opens the report at the section.
  await page.locator('.result section.next li', { hasText: 'reasonable notice' }).locator('.cite a').click();
  await eventually(async () => assert.equal(new URL(page.url()).hash, '#s8.1'));
  await hasText(page.locator('h1'), 'Resource Allocation');
});

test('the methodology page sets the three worked examples\' printed figures beside the engine\'s', async () => {
  const page = await s.page({ viewport: phone });
  await visit(page, s.url, '/methodology/trafford-2013');
  const section = page.locator('section', { has: page.locator('h2', { hasText: "The report's worked examples" }) });
  // Trafford 2013, Appendix 1: the figures as the report prints them, and
  // the same figures to the penny.
  await hasText(section,
    'Example 1', '£10,413', '£10,413.00',
    'Example 2', '£11,063.67p', '£11,063.67', '£848.33p', '£10,215.34p', '£10,215.34', '£9,367.00',
    'Example 3', '£13,572.00', '£14,286.00', '£714.00', '£17,643.60p', '£17,643.60');
  assert.equal(await section.locator('.worked-example').count(), 3);
  assert.equal(await section.locator('.mismatch').count(), 0, 'no figure differs');
  await hasText(page.locator('footer'), "These are the councils' rules as published in 2013 and 2017, which the councils may have changed since.");
  await shot(page, 'methodology-375');
});

test('a cohort on a phone: the figures, published beside the scenario, fit the screen without scrolling sideways', async () => {
  const page = await s.page({ viewport: phone });
  await visit(page, s.url, 'cohort#policy=trafford-2013&c=rates.10-13.200-259%3D%220.80%22');
  await page.locator('#demo-cohort').click();
  const figures = page.locator('#cohort-results .table-wrap', { has: page.locator('caption', { hasText: 'The figures under each' }) });
  // Raising one rate by 5p a point a week leaves the count of children as
  // it is: 153 under both, in the figures' first row.
  await hasText(figures, 'Published policy', 'Scenario', '153');
  const [scroll, client] = await figures.evaluate((e) => [e.scrollWidth, e.clientWidth]);
  assert.ok(scroll <= client, `the figures table is ${scroll} px wide in a frame of ${client} px`);
  await shot(page, 'cohort-375');
});

test('screenshots at 1280 × 800', async () => {
  const page = await s.page({ viewport: { width: 1280, height: 800 } });
  await visit(page, s.url, fragment(example3.values));
  await hasText(page.locator('#result[aria-live="polite"] .compare-now'), 'a year less than now');
  await hasText(page.locator('footer'), 'as published in 2013 and 2017');
  await shot(page, 'example3-1280');
  await visit(page, s.url, '/methodology/trafford-2013');
  await shot(page, 'methodology-1280');
});
