// The cohort page (/cohort): the demonstration cohort against the figures
// the Trafford report publishes; a rate changed on the scenario page and the
// cohort's total under it; the two CSV files the page offers, their figures
// and their neutralised formulas; and axe-core (WCAG 2.2 AA) over each state.
// Files the page must refuse are in badfiles.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  suite, visit, enter, hasText, eventually, noViolations, E2E,
  loadCohort, loadDemo, cohortFigures, figure, parseCSV, downloaded,
} from '../lib/harness.mjs';

const s = suite({ warm: true });
const fixture = (name) => join(E2E, 'fixtures', name);

async function cohortPage(t, fragment = '') {
  const page = await s.page({}, t);
  await visit(page, s.url, `cohort${fragment}`);
  await hasText(page.locator('h1'), 'A whole cohort');
  return page;
}

test('the demonstration cohort has the counts the Trafford report publishes, and says it is synthetic', async () => {
  const page = await cohortPage();
  await hasText(page.locator('#demo-cohort'), '(synthetic)');
  await loadDemo(page);
  await hasText(page.locator('#cohort-title'), 'Cohort: the demonstration cohort (synthetic)');
  const rows = await cohortFigures(page);
  // Trafford 2013, Equality Impact Assessment, section C1: 153 children
  // modelled; 50 would receive a higher personal budget, up to 103 a lower.
  assert.deepEqual(figure(rows, 'Children'), ['153']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Rows with errors'), ['0']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Higher than now'), ['50']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Lower than now'), ['103']); // no scenario: the published column alone
  // "79 families with a reduction of more than £1k": the page has no figure
  // of that name. They are the transition groups 3 (a decrease of £1,000.00
  // to £2,499.99) and 4 (£2,500.00 or more) of Appendix 1, shown a group a
  // row: together 79.
  const [g3, g4] = [figure(rows, 'Transition group 3'), figure(rows, 'Transition group 4')];
  assert.equal(Number(g3[0]) + Number(g4[0]), 79, `groups 3 and 4: ${g3[0]} + ${g4[0]}`);
  // The total as money: pounds, thousands parted by commas, and pence.
  const [total] = figure(rows, 'Total allocation');
  assert.match(total, /^£\d{1,3}(,\d{3})+\.\d{2}$/);
  await hasText(page.locator('#cohort-results .headline'), `153 children: total allocation ${total}.`);
  // The report's own figures, set beside the cohort's, name the 79.
  await page.locator('summary', { hasText: 'report publishes' }).click();
  const published = page.locator('#cohort-results tr').filter({ hasText: 'reduction of more than £1,000' });
  await hasText(published, '79');
});

// The two children of fixtures/two-children.csv are 12 (band 10–13) with
// 200 and 210 points (band 200–259), no current cost. Under Trafford 2013,
// £0.75 a point a week (§6.3): 200 × 0.75 × 52 = 7,800.00 and 210 × 0.75 × 52
// = 8,190.00, together 15,990.00. At £0.80: 200 × 0.80 × 52 = 8,320.00 and
// 210 × 0.80 × 52 = 8,736.00, together 17,056.00: 1,066.00 more, both
// children gaining.
const RATE = 'param-rates-10-13-200-259';
const twoChildren = { published: '£15,990.00', scenario: '£17,056.00', gained: '£1,066.00' };

async function showsTwoChildrenAt080(page) {
  await hasText(page.locator('#cohort-results .headline'),
    `2 children: total allocation ${twoChildren.published} now, ${twoChildren.scenario} under the scenario.`);
  const rows = await cohortFigures(page);
  assert.deepEqual(figure(rows, 'Total allocation'), [twoChildren.published, twoChildren.scenario]);
  const band = page.locator('#cohort-results tr').filter({ hasText: '10–13 years' });
  // Age band, gain, lose, same, gained, lost.
  assert.deepEqual((await band.locator('th, td').allInnerTexts()).map((c) => c.trim()),
    ['10–13 years', '2', '0', '0', twoChildren.gained, '£0.00']);
}

// changeRate changes the 10–13, 200–259 rate to 0.80 on a scenario page and
// resolves to the page's fragment, which then holds the change.
async function changeRate(page) {
  await hasText(page.locator('h1'), 'Try a change to the rules');
  await enter(page, RATE, '0.80');
  return eventually(async () => {
    const hash = new URL(page.url()).hash;
    assert.match(decodeURIComponent(hash), /c=rates\.10-13\.200-259=/);
    return hash;
  });
}

test('a rate changed on the scenario page changes the cohort\'s total by the amount worked by hand', async () => {
  const page = await s.page();
  await visit(page, s.url, 'scenario');
  const hash = await changeRate(page);
  // The cohort page reads the scenario from its address's fragment, as the
  // scenario page's link to it carries it.
  await visit(page, s.url, `cohort${hash}`);
  await hasText(page.locator('main .lead'), 'a scenario with 1 change');
  await loadCohort(page, fixture('two-children.csv'));
  await showsTwoChildrenAt080(page);
});

test('the scenario page links to the cohort page with its scenario before a cohort is loaded', async () => {
  const page = await s.page();
  await visit(page, s.url, 'scenario');
  const hash = await changeRate(page);
  const hrefs = await page.locator('a[href*="cohort"]').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.some((h) => new URL(h).pathname.endsWith('/cohort') && new URL(h).hash === hash),
    `a link to the cohort page with ${hash}; the links are ${hrefs.join(', ')}`);
});

// fixtures/formula-ids.csv: four ids a spreadsheet would read as formulas,
// and one child with a current cost. Each figure under Trafford 2013 (§6.3;
// a year is 52 weeks; the week is the year ÷ 52 to the penny):
//   line 2, =HYPERLINK("x"): 12, 200 points: 200 × 0.75 × 52 = 7,800.00, 150.00 a week;
//     within 10 of the step at 200, so moderated there.
//   line 3, +44 161 912 2000: 7 (5–9), 150 points: 150 × 0.20 × 52 = 1,560.00, 30.00;
//     moderated at 150.
//   line 4, -5: 3 (under 5), 120 points: the fixed offer, 500.00; 500 ÷ 52 = 9.615… → 9.62;
//     120 is 20 from 100 and 30 from 150: not moderated.
//   line 5, @SUM(A1): 15 (14 plus), 300 points: 300 × 1.30 × 52 = 20,280.00, 390.00;
//     40 from 260: not moderated.
//   line 6, plain-1: 12, 261 points: 261 × 1.00 × 52 = 13,572.00, 261.00; moderated at 260.
//     Its current cost 15,000.00 is the base cost; the decrease, 1,428.00, is in group 3:
//     two steps of 714.00 (Appendix 1), 14,286.00 from 1 October 2013 and the allocation
//     from 1 October 2014 (no date of birth, so no birthday supersedes it).
// The total: 7,800 + 1,560 + 500 + 20,280 + 13,572 = 43,712.00.
// A cell a spreadsheet would read as a formula (it begins with =, +, - or @)
// is written with an apostrophe before it (engine/export.go, SafeCell), so
// the id =HYPERLINK("x") comes out as '=HYPERLINK("x"), quoted in the CSV
// for its quotation marks: "'=HYPERLINK(""x"")".
const resultRows = [
  { line: '2', id: '\'=HYPERLINK("x")', age: '12', age_band: '10-13', score: '200', score_band: '200-259', eligible: 'true', annual_budget: '7800.00', weekly_budget: '150.00', moderation_step: '200' },
  { line: '3', id: '\'+44 161 912 2000', age: '7', age_band: '5-9', score: '150', score_band: '150-199', eligible: 'true', annual_budget: '1560.00', weekly_budget: '30.00', moderation_step: '150' },
  { line: '4', id: '\'-5', age: '3', age_band: 'under-5', score: '120', score_band: '100-149', eligible: 'true', annual_budget: '500.00', weekly_budget: '9.62', moderation_step: '' },
  { line: '5', id: '\'@SUM(A1)', age: '15', age_band: '14-plus', score: '300', score_band: '260-plus', eligible: 'true', annual_budget: '20280.00', weekly_budget: '390.00', moderation_step: '' },
  {
    line: '6', id: 'plain-1', age: '12', age_band: '10-13', score: '261', score_band: '260-plus', eligible: 'true', annual_budget: '13572.00', weekly_budget: '261.00', moderation_step: '260',
    current_cost: '15000.00', base_cost: '15000.00', increase: '0.00', decrease: '1428.00', group: '3',
    schedule: '2013-04-01 15000.00; 2013-10-01 14286.00; 2014-10-01 13572.00',
  },
];

test('each child\'s result as CSV: the figures worked by hand, and formulas neutralised', async () => {
  const page = await cohortPage();
  await loadCohort(page, fixture('formula-ids.csv'));
  const file = await downloaded(page, 'Download each child\'s result (CSV)');
  assert.match(file.name, /\.csv$/);
  const [header, ...rows] = parseCSV(file.text);
  const got = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  assert.equal(got.length, resultRows.length, file.text);
  // With no scenario, the published and scenario figures are the same and
  // the difference nothing (engine.ComparisonColumns).
  const compared = resultRows.map(({ annual_budget, weekly_budget, ...r }) => ({
    ...r, published_allocation: annual_budget, scenario_allocation: annual_budget, difference: '0.00',
    published_weekly: weekly_budget, scenario_weekly: weekly_budget,
  }));
  compared.forEach((want, i) => {
    for (const col of header) {
      if (col === 'error') assert.equal(got[i][col], '', `line ${want.line}: no error`);
      else assert.equal(got[i][col], want[col] ?? '', `line ${want.line}, ${col}`);
    }
  });
  // As the file holds them: the apostrophe inside the quotes.
  assert.ok(file.text.includes('\n2,"\'=HYPERLINK(""x"")",12,'), file.text);
  for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, 'no cell opens with a formula');
});

test('the summary as CSV: the cohort\'s figures worked by hand', async () => {
  const page = await cohortPage();
  await loadCohort(page, fixture('formula-ids.csv'));
  const file = await downloaded(page, 'Download the summary (CSV)');
  assert.match(file.name, /\.csv$/);
  // Three rows saying what the file is, a blank row, then the figures.
  const all = parseCSV(file.text);
  assert.deepEqual(all[0].slice(0, 1), ['policy']);
  assert.deepEqual(all[1], ['scenario', 'none']);
  assert.equal(all[2][0], 'date');
  const at = all.findIndex((r) => r[0] === 'figure');
  const [header, ...rows] = all.slice(at);
  assert.deepEqual(header, ['figure', 'baseline', 'scenario', 'difference']);
  // With no change, the scenario is the published policy: each figure twice.
  const want = {
    Children: '5',
    'Rows with errors': '0',
    Eligible: '5',
    'Total allocation': '43712.00',
    'With a current cost': '1',
    'Total base cost': '15000.00',
    'Higher than now': '0',
    'Lower than now': '1',
    'To moderation': '3',
    'Transition group 3': '1',
    'Transition group 4': '0',
    // The year 2013/14 runs 365 days from 1 April 2013. The four children
    // without a current cost have their allocation all year: 7,800 + 1,560
    // + 500 + 20,280 = 30,140.00. plain-1 has 15,000.00 for the 183 days to
    // 30 September and 14,286.00 for the 182 from 1 October:
    // (15,000 × 183 + 14,286 × 182) ÷ 365 = 5,345,052 ÷ 365 = 14,643.978…
    // Together 44,783.978… → 44,783.98.
    'Spend 2013/14': '44783.98',
    // 2014/15 (365 days): 30,140.00, and plain-1 14,286.00 for 183 days and
    // 13,572.00 for 182: (2,614,338 + 2,470,104) ÷ 365 = 13,929.978…;
    // together 44,069.978… → 44,069.98.
    'Spend 2014/15': '44069.98',
  };
  // Amounts as numbers, no £ or commas; the difference nothing.
  for (const [label, value] of Object.entries(want)) assert.deepEqual(figure(rows, label), [value, value, value.includes('.') ? '0.00' : '0'], label);
  for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, 'no cell opens with a formula');
});

// Accessibility: axe-core over each state of the page, one after the other
// in one page. (The page as it opens, empty, is in a11y.test.mjs.)
test('axe, WCAG 2.2 AA: the cohort page in each state', async (t) => {
  const page = await cohortPage(t, '#policy=trafford-2013&c=rates.10-13.200-259%3D%220.80%22');
  await t.test('with a file it cannot read', async (t) => {
    // The eight bytes that open every PNG file.
    await page.setInputFiles('#cohort-file', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
    await hasText(page.locator('#cohort-file-error'), 'photo.png');
    await noViolations(t, page, 'cohort, a file error');
  });
  await t.test('with results under a scenario', async (t) => {
    await loadCohort(page, fixture('two-children.csv'));
    await showsTwoChildrenAt080(page);
    await noViolations(t, page, 'cohort, results');
  });
  await t.test('with rows with mistakes', async (t) => {
    await loadCohort(page, fixture('duplicate-ids.csv'));
    await hasText(page.locator('#cohort-results'), '1 row with mistakes');
    await noViolations(t, page, 'cohort, row errors');
  });
});
