// At 320 CSS pixels wide (WCAG 1.4.10, reflow) the page never scrolls
// sideways: the calculator with a whole result (moderation, the transition
// table and its chart), each methodology page, the scenario and cohort pages
// (a table may scroll inside its own wrapper, not the page).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, show, hasText } from '../lib/harness.mjs';
import { example3, rotherham } from '../lib/cases.mjs';

const s = suite({ warm: true });
const viewport = { width: 320, height: 640 };

// fits checks that the page is no wider than the window, and names the
// elements that stick out of it if not: those outside a scrolling
// .table-wrap, and those inside one that are positioned absolutely, which
// its scrolling does not hold unless it is positioned itself.
async function fits(page) {
  const { width, sticking } = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      const held = el.parentElement.closest('.table-wrap') && !['absolute', 'fixed'].includes(getComputedStyle(el).position);
      if (r.width > 0 && r.right > w + 0.5 && !held) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (right edge ${Math.round(r.right)})`);
      }
    }
    return { width: document.documentElement.scrollWidth, sticking: out.slice(0, 10) };
  });
  assert.ok(width <= viewport.width, `the page is ${width}px wide at ${viewport.width}px; sticking out: ${sticking.join(', ')}`);
}

// The calculator's states in one page, by links within the site.
describe('the calculator at 320px', () => {
  let page;
  before(async () => { page = await s.calculator({ viewport }); });

  test('the empty calculator, with its worked example, does not scroll sideways', async () => {
    await hasText(page.locator('section.example'), example3.annual);
    await fits(page);
  });

  test('a result without a transition (moderation and all) does not scroll sideways', async () => {
    await show(page, { policy: 'trafford-2013', score: '261', age: '12' });
    await hasText(page.locator('.result'), 'Moderation', example3.moderation.above);
    await fits(page);
  });

  test('Example 3\'s result does not scroll sideways', async () => {
    await show(page, example3.values);
    await hasText(page.locator('.result'), example3.schedule[2][1]);
    await fits(page);
  });

  test('Rotherham\'s result does not scroll sideways', async () => {
    await show(page, rotherham.values);
    await hasText(page.locator('.result'), rotherham.takesEffect);
    await fits(page);
  });
});

const pages = {
  'the methodology of Trafford 2013': ['methodology/trafford-2013', 'How Trafford 2013 works out a personal budget'],
  'the methodology of Rotherham 2017': ['methodology/rotherham-2017', 'How Rotherham 2017 works out a personal budget'],
  'the scenario page': ['scenario', 'Try a change to the rules'],
  'the cohort page': ['cohort', 'A whole cohort'],
};
for (const [name, [path, h1]] of Object.entries(pages)) {
  test(`320px: ${name} does not scroll sideways`, async () => {
    const page = await s.page({ viewport });
    await visit(page, s.url, path);
    await hasText(page.locator('h1'), h1);
    await fits(page);
  });
}
