// The calculator as a parent meets it today: a date of birth and no date of
// assessment give a figure dated today, by the browser's own clock; the
// dates are asked for in day, month and year boxes that take a pasted date;
// old links still show their figures; Trafford takes the allocation a family
// was told; and each message says what is wrong, with an example the field
// takes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, visit, fillForm, enter, submit, fragment, hasText, eventually, scheduleRows, text, longDate, DATE_BOXES,
} from '../lib/harness.mjs';
import { example2, example3 } from '../lib/cases.mjs';

const s = suite({ warm: true });

// today is the browser's own date, as the page reads it: a Date at noon.
async function today(page) {
  const [y, m, d] = await page.evaluate(() => { const t = new Date(); return [t.getFullYear(), t.getMonth(), t.getDate()]; });
  return new Date(y, m, d, 12);
}

function iso(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// boxes reads the day, month and year boxes of the date id.
async function boxes(page, id) {
  const out = [];
  for (const b of DATE_BOXES) out.push(await page.locator(`#${id}-${b}`).inputValue());
  return out;
}

function linkValue(page, name) {
  return page.evaluate((n) => new URLSearchParams(location.hash.slice(1)).get(n), name);
}

async function schedule(page, expected) {
  await eventually(async () => assert.deepEqual((await scheduleRows(page)).map((r) => r.slice(0, 2)), expected));
}

test('a date of birth and no date of assessment: a figure dated today, and the link keeps the date blank', async () => {
  const page = await s.page();
  await visit(page, s.url);
  const now = await today(page);
  await hasText(page.locator('#assessed_on-hint'), `Leave blank for today, ${longDate(now)}.`);
  // Born on the 1st of this month 9 years ago: 9 today, band 5–9, where
  // 200–259 points are £0.50 a point a week (§6.3): 212 × 0.50 × 52 =
  // £5,512.00 a year.
  const born = new Date(now.getFullYear() - 9, now.getMonth(), 1, 12);
  await fillForm(page, { policy: 'trafford-2013', score: '212', date_of_birth: iso(born) });
  await submit(page);
  await hasText(page.locator('#result'), '£5,512.00 a year');
  await hasText(page.locator('.result'), `Age band 5–9 years (age 9 on ${longDate(now)})`);
  await eventually(async () => assert.equal(await linkValue(page, 'date_of_birth'), iso(born)));
  assert.equal(await linkValue(page, 'assessed_on'), null, 'the blank date of assessment stays out of the link');
  assert.equal(await page.locator('#error-summary').count(), 0);
});

// pasteInto pastes text into the box id as a person does: Ctrl+V with the
// box's text selected.
async function pasteInto(page, id, value) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((v) => navigator.clipboard.writeText(v), value);
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

for (const [pasted, box] of [['20/08/2014', 'day'], ['2014-08-20', 'year'], ['20/08/2014', 'month']]) {
  test(`${pasted} pasted into the ${box} box fills the three, and the link holds 2014-08-20`, async () => {
    const page = await s.page();
    await visit(page, s.url, fragment({ policy: 'trafford-2013', score: '212' }));
    await pasteInto(page, `date_of_birth-${box}`, pasted);
    await eventually(async () => assert.deepEqual(await boxes(page, 'date_of_birth'), ['20', '08', '2014']));
    await eventually(async () => assert.equal(await linkValue(page, 'date_of_birth'), '2014-08-20'));
  });
}

for (const [name, dob] of [['YYYY-MM-DD', '2000-08-20'], ['written 20/08/2000', '20/08/2000']]) {
  test(`an old link, its date of birth ${name}, still shows Example 3's figures`, async () => {
    const page = await s.page();
    await visit(page, s.url, fragment({ ...example3.values, date_of_birth: dob }));
    await hasText(page.locator('#result'), `${example3.annual} a year`, `(${example3.weekly} a week)`);
    await hasText(page.locator('.result'), `Age band ${example3.ageBand} (age 12 on 1 April 2013)`, example3.group);
    await schedule(page, example3.schedule.map((r) => r.slice(0, 2)));
    assert.deepEqual(await boxes(page, 'date_of_birth'), ['20', '08', '2000']);
    assert.deepEqual(await boxes(page, 'assessed_on'), ['01', '04', '2013']);
  });
}

test('Trafford Example 2 through the allocation field: £9,367.00, group 4, £11,063.67, £10,215.34, £9,367.00', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await fillForm(page, example2.values);
  await submit(page);
  await hasText(page.locator('#result'), `${example2.annual} a year`, `(${example2.weekly} a week)`);
  await hasText(page.locator('.result'), example2.group);
  await schedule(page, example2.schedule);
});

test('a date without its month: "Date of birth must include a month", and the summary goes to the month box', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await fillForm(page, { policy: 'trafford-2013', score: '212' });
  await enter(page, 'date_of_birth-day', '20');
  await enter(page, 'date_of_birth-year', '2014');
  // A date half typed is not yet a mistake: the visitor may be on the way.
  assert.equal(await page.locator('#date_of_birth-error').count(), 0);
  await submit(page);
  await hasText(page.locator('#date_of_birth-error'), 'Date of birth must include a month');
  const link = page.locator('#error-summary a', { hasText: 'Date of birth must include a month' });
  assert.equal(await link.getAttribute('href'), '#date_of_birth-month');
  assert.equal(await page.locator('#date_of_birth-month').getAttribute('aria-invalid'), 'true', 'the month box is marked');
  assert.equal(await page.locator('#date_of_birth-day').getAttribute('aria-invalid'), null, 'the day box is not');
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'date_of_birth-month', null, { timeout: 5000 });
});

test('a month of 13 names the month, and the example date of the hint is one the field takes', async () => {
  const page = await s.page();
  await visit(page, s.url, fragment({ policy: 'trafford-2013', score: '212' }));
  await enter(page, 'date_of_birth', '2014-13-20');
  await hasText(page.locator('#date_of_birth-error'), 'Enter the date of birth as a real date: the month is a number from 1 to 12');
  const hint = await text(page.locator('#date_of_birth-hint'));
  const [, d, m, y] = hint.match(/For example, (\d+) (\d+) (\d{4})/);
  await enter(page, 'date_of_birth-day', d);
  await enter(page, 'date_of_birth-month', m);
  await enter(page, 'date_of_birth-year', y);
  await eventually(async () => assert.equal(await page.locator('#date_of_birth-error').count(), 0, `the hint's example ${hint} is taken`));
  await hasText(page.locator('#result'), 'a year');
});

test('an age that disagrees with the date of birth says so, with the age the date gives', async () => {
  const page = await s.page();
  await visit(page, s.url, fragment({ policy: 'trafford-2013', score: '180', age: '13', date_of_birth: '2000-08-20', assessed_on: '2013-04-01' }));
  await hasText(page.locator('#age-error'), 'The age does not match the date of birth: age 12 on 1 April 2013. Enter one or the other.');
});

test("Rotherham's form never asks for a score", async () => {
  const page = await s.page();
  await visit(page, s.url, fragment({ policy: 'rotherham-2017' }));
  await hasText(page.locator('#result'), 'Enter the allocation you were told and an age');
  await submit(page);
  await hasText(page.locator('#error-summary'), 'Enter the allocation the council told you');
  assert.equal(await page.locator('#score').count(), 0, 'no score field');
  const form = await text(page.locator('main'));
  assert.doesNotMatch(form, /Enter (the RAS|a) score/, 'nothing asks for a score');
});
