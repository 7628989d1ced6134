// The councillor's questions on the scenario and cohort pages: the rates
// fitted to a budget (Rotherham's £450,000 with illustrative prices, and a
// budget stated here on Trafford's demonstration cohort), with the same
// factor and total as `ras fit` on the same cohort; the rates derived from
// the cohort's current costs, as `ras calibrate` derives them; a scenario
// kept as the baseline of the next, its link opened in a fresh browser; and
// the sentence that opens each comparison.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite, visit, enter, hasText, text, eventually, ROOT } from '../lib/harness.mjs';

const s = suite({ warm: true });

// The demonstration cohort the pages load is this file (wasm/native.go,
// -demo).
const DEMO = join('testdata', 'cohorts', 'demo-trafford-synthetic.csv');

// ras runs the command line on the same cohort: its figures are the ones
// the page must give.
function ras(...args) {
  const r = spawnSync('go', ['run', './cmd/ras', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function rasJSON(...args) {
  return JSON.parse(execFileSync('go', ['run', './cmd/ras', ...args, '--format', 'json', DEMO].filter(Boolean), { cwd: ROOT, encoding: 'utf8' }));
}

// money writes an amount as the pages do: £449,978.97.
const money = (s) => '£' + Number(s).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function scenarioPage(t, fragment = '') {
  const page = await s.page({}, t);
  await visit(page, s.url, `scenario${fragment}`);
  await hasText(page.locator('h1'), 'Try a change to the rules');
  return page;
}

test('Rotherham with illustrative prices, fitted to the report\'s £450,000: the factor and total ras fit gives', async (t) => {
  const cli = rasJSON('fit', '--policy', 'rotherham-2017');
  assert.equal(cli.budget, '450000.00');
  const page = await scenarioPage(t);
  await page.locator('#base-rotherham-2017').check();
  await page.locator('#illustrative').click();
  await hasText(page.locator('main .warning'), 'Illustrative prices');
  await page.locator('#impact-demo').click();
  await hasText(page.locator('#impact-summary'), 'the demonstration cohort');
  // The report's budget is offered (Rotherham 2017 §7.2).
  assert.equal(await page.locator('#fit-budget').inputValue(), '£450,000.00');
  await hasText(page.locator('#fit'), 'not a year\'s spend', 'transition protection');
  await page.locator('#fit-run').click();
  const result = page.locator('#fit-result');
  await hasText(result, 'Factor');
  assert.equal(await result.getAttribute('data-factor'), cli.factor);
  assert.equal(await result.getAttribute('data-total'), cli.total_allocation);
  assert.equal(await page.locator('#fit-headroom').innerText(), money(cli.headroom));
  await hasText(result, 'illustrative, not the council\'s');
  // The fitted rates are the scenario's: its table and its link hold them.
  for (const c of cli.changes) {
    const id = '#param-' + c.path.replaceAll('.', '-');
    assert.equal(await page.locator(id).inputValue(), c.to, c.path);
  }
  // (Rotherham publishes no rates table: the link holds the whole table.)
  await eventually(async () => {
    const url = decodeURIComponent(page.url().replaceAll('+', ' '));
    for (const c of cli.changes) assert.ok(url.includes(`${c.path.split('.').pop()}: "${c.to}"`), `${c.path} in ${url}`);
  });
  // The chart of the total by factor, with the budget line.
  assert.equal(await page.locator('#fit-result svg .budget-line').count(), 1);
  assert.equal(await page.locator('#fit-result svg polyline').count(), 1);
  // The comparison opens with what the change does, in words.
  await hasText(page.locator('#impact-sentence'), 'the total');
});

test('Trafford\'s demonstration cohort fitted to £1,000,000 with the 260+ column varied, and budgets no factor meets', async (t) => {
  const cli = rasJSON('fit', '--policy', 'trafford-2013', '--budget', '1000000', '--vary', 'rates.*.260-plus');
  const page = await s.page({}, t);
  await visit(page, s.url, 'cohort#policy=trafford-2013');
  await page.locator('#demo-cohort').click();
  await hasText(page.locator('#cohort-title'), 'Cohort: the demonstration cohort');
  await enter(page, 'fit-budget', '1000000');
  await page.locator('#fit-vary-column').check();
  await page.locator('#fit-column').selectOption('260-plus');
  await page.locator('#fit-run').click();
  const result = page.locator('#fit-result');
  await hasText(result, 'Factor');
  assert.equal(await result.getAttribute('data-factor'), cli.factor);
  assert.equal(await result.getAttribute('data-total'), cli.total_allocation);
  assert.equal(await page.locator('#fit-total').innerText(), money(cli.total_allocation));
  // The cohort is compared under the fitted rates, and the comparison opens
  // with its sentence.
  await hasText(page.locator('#cohort-results .headline'), `${money(cli.total_allocation)} under the scenario`);
  await hasText(page.locator('#cohort-sentence'), 'Lowers the 260+ rate');

  await t.test('a budget even factor 0 exceeds: the message and figures ras fit gives', async () => {
    const r = ras('fit', '--policy', 'trafford-2013', '--budget', '1', '--vary', 'rates.*.260-plus', DEMO);
    assert.equal(r.status, 1);
    const figures = r.stderr.match(/£[\d,]+\.\d\d/g);
    assert.ok(figures && figures.length === 2, r.stderr);
    await enter(page, 'fit-budget', '1');
    await page.locator('#fit-run').click();
    await hasText(page.locator('#fit-error'), 'even at factor 0', ...figures);
  });
});

test('rates derived from the demonstration cohort\'s current costs, as ras calibrate derives them', async (t) => {
  const cli = rasJSON('calibrate', '--policy', 'trafford-2013');
  const page = await s.page({}, t);
  await visit(page, s.url, 'cohort#policy=trafford-2013');
  await page.locator('#demo-cohort').click();
  await hasText(page.locator('#cohort-title'), 'Cohort: the demonstration cohort');
  await page.locator('#calibrate-run').click();
  const result = page.locator('#calibrate-result');
  await hasText(result, 'not the council\'s published rates', 'synthetic');
  const rows = await result.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  assert.equal(rows.length, cli.cells.length);
  for (const [i, c] of cli.cells.entries()) {
    assert.equal(rows[i][0], c.path);
    assert.equal(rows[i][3], String(c.children), c.path);
    if (c.children > 0) {
      assert.equal(rows[i][2], c.to, c.path);
      assert.equal(rows[i][4], money(c.mean_absolute_difference), c.path);
    }
  }
});

// Scenario A: Trafford's 10–13, 200–259 rate at £0.80 (published £0.75,
// §6.3), kept as "Plan A". Scenario B: A with moderation widened from 10 to
// 15 points. Against A, B changes the window alone.
test('scenario B against a kept scenario A: in the link, opened in a fresh browser', async (t) => {
  const page = await scenarioPage(t, '#policy=trafford-2013&score=200&age=12');
  await enter(page, 'param-rates-10-13-200-259', '0.80');
  await enter(page, 'keep-name', 'Plan A');
  await page.locator('#keep-baseline').click();
  await hasText(page.locator('#kept'), 'Compared with Plan A');
  await enter(page, 'param-moderation-window', '15');
  await hasText(page.locator('#child-sentence'), 'Widens moderation from 10 to 15 points.');
  const url = page.url();
  assert.match(decodeURIComponent(url), /bn=Plan\+A/);

  const fresh = await s.freshPage({}, t);
  await fresh.goto(url);
  await hasText(fresh.locator('h1'), 'Try a change to the rules');
  await hasText(fresh.locator('#kept'), 'Compared with Plan A');
  await hasText(fresh.locator('.compare-col').nth(0).locator('h3'), 'Plan A');
  // 200 × 0.80 × 52 = 8,320.00 a year under A and under B.
  await hasText(fresh.locator('.compare-col').nth(0), '£8,320.00 a year');
  await hasText(fresh.locator('.compare-col').nth(1), '£8,320.00 a year');
  assert.equal(await text(fresh.locator('#child-sentence')), 'Widens moderation from 10 to 15 points.');
  assert.equal(await fresh.locator('#param-moderation-window').inputValue(), '15');
  // An old link, with no baseline, opens against the published policy.
  await fresh.goto(url.replace(/&?bn=[^&]*/, '').replace(/&?b=[^&]*/g, ''));
  await fresh.reload();
  await hasText(fresh.locator('.compare-col').nth(0).locator('h3'), 'Published: Trafford 2013');
});
