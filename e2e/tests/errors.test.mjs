// Every mistake the form reports: its message beside the field (the
// #<field>-error element, which the field points at with aria-describedby),
// and in the error summary, whose link points at the field; whether the
// values were entered in the form and submitted or came in a link.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, show, clearForm, fillForm, fragment, hasText, eventually, submit, text } from '../lib/harness.mjs';
import { errors, emptyForm } from '../lib/cases.mjs';

const s = suite({ warm: true });

// showsErrors checks that the page shows the expected errors, each beside
// its field and in the summary; that every link of the summary points at a
// field of this page that shows the same message beside it; and, when exact,
// that there are no other errors.
async function showsErrors(page, expected, { exact = true } = {}) {
  const summary = page.locator('#error-summary');
  await hasText(summary, 'There is a problem', ...expected.map((e) => e.message));
  const links = summary.locator('a');
  if (exact) {
    await eventually(async () => assert.equal(await links.count(), expected.length, `links in the summary: ${await text(summary)}`));
  }
  for (const e of expected) {
    await hasText(page.locator(`#${e.field}-error`), e.message, ...(e.detail ? [e.detail] : []));
    assert.equal(await links.filter({ hasText: e.message }).count(), 1, `one link in the summary for ${e.message}`);
  }
  for (const link of await links.all()) {
    const target = new URL(await link.getAttribute('href'), page.url());
    assert.equal(target.pathname, new URL(page.url()).pathname, 'the summary links to this page');
    const id = target.hash.slice(1);
    const field = page.locator(`#${id}`);
    assert.equal(await field.evaluate((el) => el.tagName), 'INPUT', `the summary's link #${id} points at a field`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true', `#${id} is marked invalid`);
    // A date's box (#date_of_birth-day) is described, with its fellows, by
    // the fieldset of its date (GOV.UK's date input); any other field by
    // its own aria-describedby.
    const date = id.match(/^(.*)-(day|month|year)$/);
    const name = date ? date[1] : id;
    const described = date ? field.locator('xpath=ancestor::fieldset[1]') : field;
    assert.ok((await described.getAttribute('aria-describedby') ?? '').split(/\s+/).includes(`${name}-error`),
      `#${id} is described by its error`);
    const beside = (await text(page.locator(`#${name}-error`))).replace(/^Error:\s*/, '');
    assert.equal(beside, await text(link), `the message beside #${id} is the summary's`);
  }
  // No budget while a mistake stands.
  await hasText(page.locator('#result'), 'Correct the answers marked');
  assert.equal(await page.locator('.result').count(), 0, 'no result');
}

// The cases share one calculator page, as a family correcting one answer
// after another would: each starts by emptying the form.
describe('errors of values entered in the form and submitted', () => {
  let page;
  before(async () => { page = await s.calculator(); });

  for (const c of errors) {
    test(`${c.name}: ${c.message}`, async () => {
      await clearForm(page);
      await fillForm(page, c.values);
      await submit(page);
      await showsErrors(page, [c]);
    });
  }

  test("an empty form: the score and the child's age are asked for at once", async () => {
    const page = await s.page();
    await visit(page, s.url);
    await submit(page);
    await showsErrors(page, emptyForm);
  });
});

describe('errors of values that come in a link', () => {
  test('a link opened in a new page, with several mistakes: all of them', async () => {
    const page = await s.page();
    const several = [errors[0], errors[7]];
    await visit(page, s.url, fragment({ ...several[0].values, ...several[1].values, score: several[0].values.score }));
    await showsErrors(page, several);
  });

  // The other links are followed within one page, as a link on the site is.
  let page;
  before(async () => { page = await s.calculator(); });

  for (const c of errors) {
    test(`${c.name}: ${c.message}`, async () => {
      await show(page, c.values);
      await showsErrors(page, [c]);
    });
  }

  test('a link with the policy alone is a new form: no errors yet', async () => {
    await show(page, { policy: 'trafford-2013' });
    await hasText(page.locator('#result'), 'Enter a score and an age');
    assert.equal(await page.locator('#error-summary').count(), 0);
  });
});

describe('links within the site', () => {
  test('a link that leaves a field out empties that field', async () => {
    const page = await s.page();
    await visit(page, s.url, fragment({ policy: 'trafford-2013', score: '261', age: '12', assessed_on: '2013-04-01' }));
    await hasText(page.locator('#result'), '£13,572.00 a year');
    await page.goto(new URL(fragment({ policy: 'trafford-2013', score: '180', age: '7' }), s.url).href);
    // 180 × £0.20 × 52 = £1,872.00 for age 7 (§6.3).
    await hasText(page.locator('#result'), '£1,872.00 a year');
    for (const b of ['day', 'month', 'year']) assert.equal(await page.locator(`#assessed_on-${b}`).inputValue(), '', 'the date of assessment the link leaves out');
  });
});

describe('the error summary', () => {
  test("following a link of the summary focuses its field and keeps the answers", async () => {
    const c = errors[0];
    const page = await s.page();
    await visit(page, s.url, fragment(c.values));
    await showsErrors(page, [c]);
    await page.locator('#error-summary a').first().click();
    await page.waitForFunction((id) => document.activeElement?.id === id, c.field, { timeout: 5000 });
    assert.equal(await page.locator(`#${c.field}`).inputValue(), c.values[c.field]);
    await showsErrors(page, [c]);
  });
});
