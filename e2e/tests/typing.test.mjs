// Typing a key at a time, as a person does: every key lands in the field,
// which keeps the focus, while the page works out the budget (or shows a
// message) as the value grows; also while a message appears or goes beside
// the field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, clearForm, hasText, typeKeys, typeBox, linkHas, dateParts, DATE_FIELDS, DATE_BOXES, submit, eventually } from '../lib/harness.mjs';
import { example1, example3 } from '../lib/cases.mjs';

const s = suite();

// One calculator page for every case, emptied before each.
let calculator;
async function emptyCalculator() {
  calculator ??= await s.calculator();
  await clearForm(calculator);
  return calculator;
}

async function typeInto(page, id, value) {
  if (DATE_FIELDS.includes(id)) {
    // A date a box at a time: day, month, year.
    const parts = dateParts(value);
    for (const b of DATE_BOXES) {
      await page.locator(`#${id}-${b}`).focus();
      await typeBox(page, `${id}-${b}`, parts[b]);
    }
    await linkHas(page, id, value);
    return;
  }
  await page.locator(`#${id}`).focus();
  await typeKeys(page, id, value);
  assert.equal(await page.evaluate(() => document.activeElement?.id), id, `#${id} keeps the focus`);
}

test('typing Example 1 (no message on the way): £10,413.00 a year', async () => {
  const page = await emptyCalculator();
  for (const f of ['score', 'age', 'current_cost']) await typeInto(page, f, example1.values[f]);
  await hasText(page.locator('#result'), `${example1.annual} a year`);
});

test('typing a date: each key lands while the date is not yet whole', async () => {
  const page = await emptyCalculator();
  for (const f of ['score', 'date_of_birth', 'assessed_on', 'current_cost']) await typeInto(page, f, example3.values[f]);
  await hasText(page.locator('#result'), `${example3.annual} a year`);
});

test('typing a negative score: the message appears beside the field, which keeps the focus', async () => {
  const page = await emptyCalculator();
  await typeInto(page, 'score', '-5');
  await hasText(page.locator('#score-error'), 'The score cannot be below 0');
});

test('after a failed submit, typing the age clears its message, and the field keeps the focus', async () => {
  const page = await emptyCalculator();
  await submit(page);
  await hasText(page.locator('#age-error'), "Enter the child's age");
  await typeInto(page, 'age', '12');
  await eventually(async () => assert.equal(await page.locator('#age-error').count(), 0));
});
