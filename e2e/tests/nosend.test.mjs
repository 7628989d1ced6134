// Nothing typed in the calculator leaves the browser, before its program
// has loaded or after: the parent pressed "Show the budget" before
// app.wasm had arrived, and the prerendered form sent
// /?policy=trafford-2013&score=212&age=11&…&current_cost=9000 to the server,
// then the page reloaded empty.
//
// Each test records every request of its browsing context and checks that
// none carries an answer, in its address or its body, and that the page was
// not loaded again (a mark left on the window before submitting is still
// there after).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, fillForm, hasText, eventually, FIELD_ORDER, controlIds } from '../lib/harness.mjs';
import { example3 } from '../lib/cases.mjs';

const s = suite();

// The names of the answers, as a link's fragment names them.
const ANSWERS = ['policy', ...FIELD_ORDER, 'includes_contingency'];

// The answers: a child of 11 scoring 212, support costing £9,000 a
// year, contingency included.
const answers = { policy: 'trafford-2013', score: '212', age: '11', current_cost: '9000' };

// recording opens a fresh context (a first visit: no service worker, no
// stored program) whose requests are kept.
async function recording(options = {}) {
  const context = await s.context(options);
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
  return { context, requests };
}

// carriesAnswer says which answer a request carries, if any.
function carriesAnswer(r) {
  const url = new URL(r.url);
  for (const name of ANSWERS) {
    if (url.searchParams.has(name) || r.body.includes(`${name}=`)) return name;
  }
  return '';
}

function noAnswerSent(requests) {
  const sent = requests.filter((r) => carriesAnswer(r));
  assert.deepEqual(sent, [], 'requests that carry an answer');
}

// submitBothWays presses the form's button, then Enter in a field, as a
// person does; force, where the form is disabled, presses it anyway.
async function submitBothWays(page, { force = false } = {}) {
  const tries = [
    () => page.getByRole('button', { name: 'Show the budget' }).click({ force, timeout: 2_000 }),
    () => page.locator('#current_cost').press('Enter', { timeout: 2_000 }),
  ];
  for (const t of tries) {
    // A disabled control takes no click or key: Playwright gives up on it.
    await (force ? t().catch(() => {}) : t());
  }
  // Give a submission the time to leave: a request or a navigation it made
  // would be recorded by now.
  await page.waitForTimeout(1_000);
}

async function mark(page) {
  await page.evaluate(() => { window.__notReloaded = true; });
}

async function stillMarked(page) {
  assert.equal(await page.evaluate(() => window.__notReloaded === true), true, 'the page was loaded again');
  const url = new URL(page.url());
  assert.equal(url.search, '', 'the address has no query');
}

test('before the program loads (app.wasm blocked), the form cannot be used and sends nothing, by its button or by Enter', async () => {
  const { context, requests } = await recording();
  await context.route('**/app.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(s.url);

  // The page says why the form cannot be used yet, and its controls are
  // disabled: nothing typed now would be lost when the program draws the
  // form, or sent.
  await hasText(page.locator('#getting-ready'), /The calculator (is getting ready|could not start)/);
  for (const id of ['policy-trafford-2013', ...controlIds(FIELD_ORDER), 'includes_contingency']) {
    assert.equal(await page.locator(`#${id}`).isDisabled(), true, `#${id} is disabled`);
  }
  assert.equal(await page.getByRole('button', { name: 'Show the budget' }).isDisabled(), true, 'the button is disabled');
  // The box is shown unticked, and is: no checked="false".
  assert.equal(await page.locator('#includes_contingency').isChecked(), false, 'the contingency box is not ticked');
  assert.equal(await page.locator('#policy-trafford-2013').isChecked(), true, 'the example policy is chosen');
  // The loading line never shows a figure that is not one.
  assert.doesNotMatch(await page.locator('body').innerText(), /NaN|Infinity/);

  await mark(page);
  await submitBothWays(page, { force: true });
  await stillMarked(page);
  noAnswerSent(requests);

  // A browser that let the answers be typed all the same (the fieldset's
  // disabled taken away) still sends nothing: the controls have no names,
  // and the page's script stops every submission.
  await page.evaluate(() => document.querySelectorAll('fieldset[disabled]').forEach((f) => { f.disabled = false; }));
  await page.locator('#score').fill(answers.score);
  await page.locator('#age').fill(answers.age);
  await page.locator('#current_cost').fill(answers.current_cost);
  await page.locator('#includes_contingency').check();
  await submitBothWays(page);
  await stillMarked(page);
  noAnswerSent(requests);
  assert.ok(requests.some((r) => r.url.endsWith('/web/app.wasm')), 'the program was asked for, and refused');
});

test('after the program loads, the form sends nothing, by its button or by Enter, and shows the budget', async () => {
  const { context, requests } = await recording();
  const page = await context.newPage();
  await visit(page, s.url);
  assert.equal(await page.locator('#score').isDisabled(), false, 'the form can be used');
  assert.equal(await page.locator('#getting-ready').count(), 0, 'the page no longer says the calculator is getting ready');

  await mark(page);
  await fillForm(page, example3.values);
  await page.getByRole('button', { name: 'Show the budget' }).click();
  await hasText(page.locator('#result'), `${example3.annual} a year`);
  await page.locator('#current_cost').press('Enter');
  await page.waitForTimeout(1_000);
  await hasText(page.locator('#result'), `${example3.annual} a year`);
  await stillMarked(page);
  // The answers are in the link's fragment, which no request carries.
  await eventually(async () => assert.match(page.url(), /#policy=trafford-2013&score=261/));
  noAnswerSent(requests);
});

test('without JavaScript, the form says what it needs, cannot be used, and sends nothing', async () => {
  const { context, requests } = await recording({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(s.url);
  await hasText(page.locator('form'), 'The calculator needs JavaScript');
  assert.equal(await page.locator('#getting-ready').isVisible(), false, 'no line says it is getting ready');
  assert.equal(await page.locator('#score').isDisabled(), true, 'the score cannot be typed in');
  assert.equal(await page.locator('#includes_contingency').isChecked(), false, 'the contingency box is not ticked');
  await page.getByRole('button', { name: 'Show the budget' }).click({ force: true, timeout: 2_000 }).catch(() => {});
  await page.waitForTimeout(1_000);
  assert.equal(new URL(page.url()).search, '', 'the address has no query');
  noAnswerSent(requests);
});
