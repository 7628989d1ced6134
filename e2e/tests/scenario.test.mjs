// The scenario page (/scenario): a rate changed in its cell and one child
// compared under both; a pasted policy file with a mistake, named with its
// line and no figure from it; the scenario's link, which holds only the
// changes, opened in a fresh browser; illustrative prices for Rotherham; a
// cohort summarised again on the page as a rate changes; and axe-core (WCAG
// 2.2 AA) over each of those states. The other mistakes a councillor can
// make in a scenario are in badfiles.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  suite, visit, enter, paste, hasText, text, eventually, noViolations, noScenarioFigure, E2E,
} from '../lib/harness.mjs';
import { TRAFFORD_YAML as TRAFFORD, lineOf } from '../lib/cases.mjs';

const s = suite({ warm: true });

// The id of the cell of the 10–13 age band, 200–259 points:
// "rates.10-13.200-259" (policies/trafford-2013.yaml, rates), its dots made
// dashes.
const RATE = 'param-rates-10-13-200-259';

async function scenarioPage(t, fragment = '') {
  const page = await s.page({}, t);
  await visit(page, s.url, `scenario${fragment}`);
  await hasText(page.locator('h1'), 'Try a change to the rules');
  return page;
}

const scenario = (page) => page.locator('.compare-col').nth(1);
const published = (page) => page.locator('.compare-col').nth(0);

test('a rate changed in its cell is marked against the published one, and a child is compared under both', async () => {
  // The child compared: 200 points at age 12, no current cost.
  const page = await scenarioPage(undefined, '#policy=trafford-2013&score=200&age=12');
  // Age 12 is band 10–13; 200 points is band 200–259, £0.75 a point a week
  // (§6.3): 200 × 0.75 × 52 = 7,800.00 a year under both, before the change.
  await hasText(published(page), '£7,800.00 a year');
  await hasText(scenario(page), '£7,800.00 a year');
  await hasText(page.locator('.scenario-results'), 'No change yet');

  await enter(page, RATE, '0.80');
  // 200 × 0.80 × 52 = 160 × 52 = 8,320.00 under the scenario.
  await hasText(scenario(page), '£8,320.00 a year');
  await hasText(published(page), '£7,800.00 a year');
  await hasText(page.locator(`#${RATE}`).locator('..'), 'was 0.75');
  const row = page.locator('.scenario-results table tbody tr').filter({ hasText: 'rates.10-13.200-259' });
  assert.deepEqual(await row.locator('td').allInnerTexts(), ['rates.10-13.200-259', '0.75', '0.80', '']);
  await hasText(page.locator('.scenario-results'), '1 change to Trafford 2013.');
  assert.equal(await page.locator('#error-summary').count(), 0);
});

test('a pasted policy file with a rate that is not an amount: the mistake is named with its line, and no figure comes from it', async () => {
  const page = await scenarioPage();
  await page.locator('summary', { hasText: 'Load or paste a whole policy file instead' }).click();
  // Trafford's file with the 10–13, 200–259 rate "0.75" made "0.7x".
  const bad = TRAFFORD.replace('10-13: {100-149: "1000.00", 150-199: "0.30", 200-259: "0.75"',
    '10-13: {100-149: "1000.00", 150-199: "0.30", 200-259: "0.7x"');
  assert.notEqual(bad, TRAFFORD);
  await paste(page, 'policy-text', bad);
  // The line is the line of the pasted text that holds the rate: the
  // "  10-13: {…}" line of the rates (88 in the file as shipped).
  const line = lineOf(bad, '"0.7x"');
  assert.equal(line, lineOf(TRAFFORD, '  10-13: {100-149'));
  await hasText(page.locator('#error-summary'), `line ${line}: rates.10-13.200-259: "0.7x" is not an amount`);
  await noScenarioFigure(page);
});

test('a pasted policy file replaces the values typed before it, mistakes included', async () => {
  const page = await scenarioPage(undefined, '#policy=trafford-2013&score=200&age=12');
  await enter(page, RATE, '0.80');
  // 200 × 0.80 × 52 = 8,320.00.
  await hasText(scenario(page), '£8,320.00 a year');
  await page.locator('summary', { hasText: 'Load or paste a whole policy file instead' }).click();
  await paste(page, 'policy-text', TRAFFORD.replace('200-259: "0.75", 260-plus: "1.00"', '200-259: "0.7x", 260-plus: "1.00"'));
  // Once the cell shows the pasted value, the page has taken the file in.
  await eventually(async () => assert.equal(await page.locator(`#${RATE}`).inputValue(), '0.7x'));
  assert.equal(await page.locator('#error-summary').count(), 1, 'the mistake is reported');
  await noScenarioFigure(page);
});

test('the scenario\'s link holds only its changes and notes, and opens the same scenario in a fresh browser', async () => {
  const page = await scenarioPage();
  const note = 'A wider zone, as the forum asked';
  await enter(page, RATE, '0.80');
  await enter(page, 'param-moderation-window', '15');
  await enter(page, 'param-moderation-window-note', note);
  await hasText(page.locator('.scenario-results'), '2 changes to Trafford 2013.', note);

  const url = await eventually(async () => {
    const u = new URL(page.url());
    const q = new URLSearchParams(u.hash.slice(1));
    assert.ok(q.getAll('n').some((n) => n.endsWith(note)), 'the note is in the link');
    return u;
  });
  const q = new URLSearchParams(url.hash.slice(1));
  // Only the changes: the baseline, the two changed values, the one note and
  // the child compared; none of the policy's other values.
  assert.deepEqual([...new Set(q.keys())].sort(), ['age', 'c', 'current_cost', 'n', 'policy', 'score']);
  assert.equal(q.get('policy'), 'trafford-2013');
  assert.deepEqual(q.getAll('c').map((c) => c.split('=')[0]).sort(), ['moderation.window', 'rates.10-13.200-259']);
  assert.match(q.getAll('c').find((c) => c.startsWith('rates.')), /^rates\.10-13\.200-259="?0\.80"?$/);
  assert.match(q.getAll('c').find((c) => c.startsWith('moderation.')), /^moderation\.window="?15"?$/);
  assert.deepEqual(q.getAll('n'), [`moderation.window=${note}`]);
  assert.ok(url.hash.length < TRAFFORD.length / 20, `the fragment is compact: ${url.hash.length} characters`);

  const fresh = await s.freshPage();
  await visit(fresh, url.href);
  await eventually(async () => {
    assert.equal(await fresh.locator(`#${RATE}`).inputValue(), '0.80');
    assert.equal(await fresh.locator('#param-moderation-window').inputValue(), '15');
    assert.equal(await fresh.locator('#param-moderation-window-note').inputValue(), note);
  });
  await hasText(fresh.locator(`#${RATE}`).locator('..'), 'was 0.75');
  await hasText(fresh.locator('#param-moderation-window-hint'), 'The published value: 10.', 'Changed.');
  await hasText(fresh.locator('.scenario-results'), '2 changes to Trafford 2013.', note);
  assert.equal(await fresh.locator('#error-summary').count(), 0);
});

test('a changed rate can be given a note of why, as every other change can', async () => {
  const page = await scenarioPage();
  await enter(page, RATE, '0.80');
  const note = 'To match the neighbouring council';
  await page.locator(`#${RATE}-note`).fill(note, { timeout: 2_000 });
  // The note is in the table of changes and in the scenario's link.
  await hasText(page.locator('.scenario-results'), note);
  await eventually(async () => {
    const q = new URLSearchParams(new URL(page.url()).hash.slice(1));
    assert.deepEqual(q.getAll('n'), [`rates.10-13.200-259=${note}`]);
  });
});

// Rotherham publishes no prices (Rotherham 2017, Decision prices-unpublished);
// a councillor may try illustrative ones, labelled as such. Its one age band
// is under-18; the illustrative rate for 260 points and over is £0.90 a point
// a week (wasm/scenario.go, illustrativePrices).
async function illustrative(t) {
  const page = await scenarioPage(t);
  await page.locator('#base-rotherham-2017').check();
  await page.locator('#illustrative').click();
  await hasText(page.locator('main .warning'), 'Illustrative prices', 'not published by Rotherham');
  return page;
}

test('illustrative prices for Rotherham are labelled as not the council\'s', async (t) => {
  const page = await illustrative(t);
  await hasText(page.locator('.scenario-results'), 'changes to Rotherham 2017.');
  await hasText(scenario(page).locator('h3'), 'Scenario (illustrative prices)');

  await t.test('they give a rates table to change', async () => {
    assert.equal(await page.locator('#param-rates-under-18-260-plus').count(), 1, 'the cell of 260 points and over');
    assert.equal(await page.locator('#param-rates-under-18-260-plus').inputValue(), '0.90');
  });
  await t.test('they give one child a budget under the scenario', async () => {
    // The child as the page opens: 261 points, age 12. Under 18, 260 and
    // over at £0.90: 261 × 0.90 = 234.90 a week; × 52 = 12,214.80 a year.
    // (The column is drawn with the warning, so it is read at once.)
    assert.match(await text(scenario(page)), /£12,214\.80 a year/);
  });
});

// The cohort on the scenario page: fixtures/two-children.csv, two children
// of 12 (band 10–13) with 200 and 210 points (band 200–259). At £0.75 a
// point a week (§6.3): 200 × 0.75 × 52 = 7,800.00 and 210 × 0.75 × 52 =
// 8,190.00, together 15,990.00. At £0.80: 8,320.00 and 8,736.00, together
// 17,056.00: 1,066.00 more.
test('a cohort on the scenario page is summarised again when a rate changes, without leaving the page', async () => {
  const page = await scenarioPage();
  await page.setInputFiles('#impact-file', join(E2E, 'fixtures', 'two-children.csv'));
  const summary = page.locator('#impact-summary');
  await hasText(summary, '2 children of two-children.csv', '£15,990.00 under the published policy, £15,990.00 under the scenario: no change.');
  assert.equal(await summary.getAttribute('data-rows'), '2');
  const before = Number(await summary.getAttribute('data-summaries'));
  // A mark on the document: a page that loaded again would lose it.
  await page.evaluate(() => { window.e2eSamePage = true; });

  await enter(page, RATE, '0.80');
  await hasText(summary, '£15,990.00 under the published policy, £17,056.00 under the scenario: £1,066.00 more.', '2 gain, 0 lose');
  assert.equal(await page.locator('#impact-total').innerText(), '£17,056.00');
  assert.ok(Number(await summary.getAttribute('data-summaries')) > before, 'summarised again');
  assert.ok(await page.evaluate(() => window.e2eSamePage === true && location.pathname.endsWith('/scenario')), 'the same page');

  // Its link to the cohort page carries the scenario, and the cohort with it;
  // the file chosen there again gives the same figures.
  await page.getByRole('link', { name: 'Every figure for this cohort' }).click();
  const headline = `2 children: total allocation £15,990.00 now, £17,056.00 under the scenario.`;
  await hasText(page.locator('#cohort-results .headline'), headline);
  await page.setInputFiles('#cohort-file', join(E2E, 'fixtures', 'two-children.csv'));
  await hasText(page.locator('#cohort-results .headline'), headline);
});

// Accessibility: axe-core over each state of the page, one after the other
// in one page. (The page as it opens, with no change, is in a11y.test.mjs.)
test('axe, WCAG 2.2 AA: the scenario page in each state', async (t) => {
  const page = await scenarioPage(t);
  await t.test('with a change and its note', async (t) => {
    await enter(page, RATE, '0.80');
    await enter(page, 'param-moderation-window', '15');
    await enter(page, 'param-moderation-window-note', 'Why not');
    await hasText(page.locator('.scenario-results'), '2 changes to Trafford 2013.');
    await noViolations(t, page, 'scenario, a change');
  });
  await t.test('with a bad rate typed into a cell', async (t) => {
    await enter(page, RATE, '0.7x');
    await noScenarioFigure(page);
    await noViolations(t, page, 'scenario, a bad rate');
  });
  await t.test('with a cohort summarised under a change', async (t) => {
    await enter(page, RATE, '0.80');
    await page.setInputFiles('#impact-file', join(E2E, 'fixtures', 'two-children.csv'));
    await hasText(page.locator('#impact-summary'), '2 children of two-children.csv', '£1,066.00 more');
    await noViolations(t, page, 'scenario, a cohort summarised');
  });
  await t.test('with a mistake in a pasted policy file', async (t) => {
    await page.getByRole('button', { name: 'Start again from the published policy' }).click();
    await hasText(page.locator('.scenario-results'), 'No change yet');
    await page.locator('summary', { hasText: 'Load or paste a whole policy file instead' }).click();
    await paste(page, 'policy-text', TRAFFORD.replace('200-259: "0.75"', '200-259: "0.7x"'));
    await noScenarioFigure(page);
    await noViolations(t, page, 'scenario, a pasted mistake');
  });
  await t.test('with illustrative prices for Rotherham', async (t) => {
    await page.locator('#base-rotherham-2017').check();
    await page.locator('#illustrative').click();
    await hasText(page.locator('main .warning'), 'Illustrative prices');
    await noViolations(t, page, 'scenario, Rotherham illustrative');
  });
});
