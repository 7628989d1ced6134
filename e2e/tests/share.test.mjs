// A result's link: the answers live in the fragment of the page's address,
// so the address opened in a fresh browser (a new context: no storage, no
// service worker) shows the same result without typing; and the copy button
// puts that address on the clipboard.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, fillForm, hasText, eventually, scheduleRows, submit, fieldValue, FIELD_ORDER } from '../lib/harness.mjs';
import { example3 } from '../lib/cases.mjs';

const s = suite();

// showsExample3 checks the result of Example 3 and that the form holds its
// answers.
async function showsExample3(page) {
  await hasText(page.locator('#result'), `${example3.annual} a year`);
  await eventually(async () => assert.deepEqual(
    (await scheduleRows(page)).map((r) => r.slice(0, 2)),
    example3.schedule.map((r) => r.slice(0, 2))));
  for (const f of FIELD_ORDER) {
    if (example3.values[f]) assert.equal(await fieldValue(page, f), example3.values[f], `#${f}`);
  }
  assert.ok(await page.locator('#policy-trafford-2013').isChecked(), 'the policy');
}

test('the address of a result, opened in a fresh browser, shows the same result without typing', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await fillForm(page, example3.values);
  await submit(page);
  await showsExample3(page);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#policy=trafford-2013&/);
  const fresh = await s.freshPage();
  await visit(fresh, s.url, hash);
  await showsExample3(fresh);
  assert.equal(await fresh.locator('#error-summary').count(), 0);
});

test('the copy button copies an address whose fragment reproduces the result', async () => {
  const context = await s.context({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await visit(page, s.url);
  await fillForm(page, example3.values);
  await submit(page);
  await showsExample3(page);
  await page.getByRole('button', { name: 'Copy a link to this result' }).click();
  await hasText(page.locator('.result'), 'Link copied');
  const copied = await eventually(async () => {
    const t = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(t, 'the clipboard holds the address');
    return t;
  });
  const url = new URL(copied);
  assert.equal(url.origin + url.pathname, s.url, 'the address of the calculator');
  const values = new URLSearchParams(url.hash.slice(1));
  for (const [k, v] of Object.entries(example3.values)) assert.equal(values.get(k), v, `${k} in the copied address`);
  const fresh = await s.freshPage();
  await visit(fresh, copied);
  await showsExample3(fresh);
});
