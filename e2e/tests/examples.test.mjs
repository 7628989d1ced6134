// The Trafford report's worked examples (Appendix 1) and a Rotherham case,
// typed into the form and opened from a link: the budget, the transition
// group, the schedule of amounts, notice and reviews, all as worked by hand
// in lib/cases.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, visit, clearForm, fillForm, fragment, hasText, eventually, scheduleRows, submit, text,
} from '../lib/harness.mjs';
import { example1, example3, rotherham } from '../lib/cases.mjs';

const s = suite({ warm: true });

// Each way in: typing the values into one calculator page, emptied before
// each case as a family starting again would; or opening a link that holds
// them, in a page of its own.
let typedPage;
const ways = {
  typed: async (c) => {
    typedPage ??= await s.calculator();
    await clearForm(typedPage);
    await fillForm(typedPage, c.values);
    await submit(typedPage);
    return typedPage;
  },
  'from a link': async (c) => {
    const page = await s.page();
    await visit(page, s.url, fragment(c.values));
    return page;
  },
};

// schedule waits for the transition table to read as expected: each row's
// date and amount, and its reason where one is expected.
async function schedule(page, expected) {
  await eventually(async () => {
    const rows = await scheduleRows(page);
    assert.deepEqual(rows.map((r, i) => r.slice(0, expected[i]?.length ?? r.length)), expected);
  });
}

for (const [way, open] of Object.entries(ways)) {
  describe(`Trafford Example 1, ${way}`, () => {
    test('age 7, score 267: £10,413.00 a year; current cost £8,637: group 1, at once', async () => {
      const page = await open(example1);
      await hasText(page.locator('#result'), `${example1.annual} a year`, `(${example1.weekly} a week)`);
      const result = page.locator('.result');
      await hasText(result, `Age band ${example1.ageBand} (age 7 on 1 April 2013)`, 'Score band 260+');
      await hasText(result.locator('section').filter({ hasText: 'Moving from the current package' }), example1.group);
      await schedule(page, example1.schedule);
      await hasText(result.locator('section').filter({ hasText: 'Moderation' }).first(),
        example1.moderation.zone, example1.moderation.below, example1.moderation.above);
    });
  });

  describe(`Trafford Example 3, ${way}`, () => {
    test('score 261, born 20 August 2000: £13,572.00; group 3: £15,000.00, £14,286.00 from 1 October 2013, £17,643.60 from 20 August 2014', async () => {
      const page = await open(example3);
      await hasText(page.locator('#result'), `${example3.annual} a year`, `(${example3.weekly} a week)`);
      const result = page.locator('.result');
      await hasText(result, `Age band ${example3.ageBand} (age 12 on 1 April 2013)`);
      await hasText(result.locator('section').filter({ hasText: 'Moving from the current package' }), example3.group, '£15,000.00');
      await schedule(page, example3.schedule);
      await hasText(result.locator('section').filter({ hasText: 'Moderation' }).first(),
        example3.moderation.zone, example3.moderation.below, example3.moderation.above);
      // The page's link holds the answers.
      const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
      for (const [k, v] of Object.entries(example3.values)) assert.equal(hash.get(k), v, `${k} in the link`);
    });
  });

  describe(`Rotherham, ${way}`, () => {
    test('allocation £4,000, current cost £6,000, 30 November 2017: notice, takes effect 28 February 2018, reviews 30 May and 30 November 2018', async () => {
      const page = await open(rotherham);
      await hasText(page.locator('#result'), `${rotherham.annual} a year`, `(${rotherham.weekly} a week)`);
      const result = page.locator('.result');
      await hasText(result.locator('section').filter({ hasText: 'Moving from the current package' }), 'the notice group');
      await schedule(page, rotherham.schedule);
      const dates = result.locator('section').filter({ hasText: 'Notice and reviews' });
      await hasText(dates, `Notice of the lower budget is given on ${rotherham.noticeGiven}`,
        `takes effect on ${rotherham.takesEffect}`,
        `Review 1: ${rotherham.reviews[0]}.`, `Review 2: ${rotherham.reviews[1]}.`);
      // No score is asked for: the prices are not published.
      assert.equal(await page.locator('#score').count(), 0, 'no score field for Rotherham');
      assert.match(await text(page.locator('.result')), /Rotherham 2017/);
    });
  });
}
