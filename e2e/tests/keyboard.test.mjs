// The whole journey by keyboard alone: Tab from the top of the page to each
// field in turn, type, Space on the radio button and the checkbox, Enter on
// the button; the result (or, after a failed submit, the error summary)
// receives the focus.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, hasText, typeKeys, typeBox, linkHas, dateParts, controlIds, eventually, fragment, KEY_TIMEOUT } from '../lib/harness.mjs';
import { example1, rotherham } from '../lib/cases.mjs';

const s = suite({ warm: true });

// focused describes the focused element: its id, or its tag and text.
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    return a.id ? `#${a.id}` : `${a.tagName.toLowerCase()} "${a.textContent.trim().slice(0, 40)}"`;
  });
}

// tab presses Tab (Shift+Tab with back) and checks where the focus lands.
async function tab(page, expected, { back = false } = {}) {
  await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  assert.equal(await focused(page), expected, `${back ? 'Shift+Tab' : 'Tab'} goes to ${expected}`);
}

// tabFromTop presses Tab from the top of a freshly loaded page until the
// focus reaches the policy's radio button: the skip link first, then only the
// header's links (whatever the navigation holds), then the radio button.
async function tabFromTop(page) {
  await tab(page, 'a "Skip to main content"');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      return { id: a?.id, inHeader: Boolean(a?.closest('header')) && a.tagName === 'A' };
    });
    if (where.id === 'policy-trafford-2013') return;
    assert.ok(where.inHeader, `Tab stops only at the header's links before the form, not at ${await focused(page)}`);
  }
  assert.fail('Tab never reached the policy\'s radio button');
}

// typeDate tabs to each box of the date id in turn and types its part of
// iso (YYYY-MM-DD), then waits for the link to hold the date.
async function typeDate(page, id, iso) {
  const parts = dateParts(iso);
  for (const b of ['day', 'month', 'year']) {
    await tab(page, `#${id}-${b}`);
    await typeBox(page, `${id}-${b}`, parts[b]);
  }
  await linkHas(page, id, iso);
}

async function waitFocus(page, expected) {
  await eventually(async () => assert.equal(await focused(page), expected), { timeout: KEY_TIMEOUT });
}

test('Trafford Example 1 by keyboard: Tab to each field, type, Space, Enter; the result receives the focus', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await tabFromTop(page);
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#policy-trafford-2013').isChecked(), 'Space keeps Trafford chosen');
  await tab(page, '#score');
  await typeKeys(page, 'score', example1.values.score);
  await tab(page, '#allocation');
  await tab(page, '#age');
  await typeKeys(page, 'age', example1.values.age);
  for (const id of controlIds(['date_of_birth', 'assessed_on'])) await tab(page, `#${id}`);
  await tab(page, '#current_cost');
  await typeKeys(page, 'current_cost', example1.values.current_cost);
  await tab(page, '#includes_contingency');
  // The contingency, ticked with Space: 8,637 ÷ 1.035 = 8,344.927… →
  // £8,344.93, so the contingency is 8,637.00 − 8,344.93 = £292.07.
  await page.keyboard.press('Space');
  await hasText(page.locator('.result'), 'after taking out the contingency of £292.07');
  assert.ok(await page.locator('#includes_contingency').isChecked(), 'Space ticks the box');
  await waitFocus(page, '#includes_contingency');
  await page.keyboard.press('Space');
  await eventually(async () => assert.equal(await page.locator('#includes_contingency').isChecked(), false, 'Space unticks the box'));
  await tab(page, 'button "Show the budget"');
  await page.keyboard.press('Enter');
  await waitFocus(page, '#result');
  await hasText(page.locator('#result'), `${example1.annual} a year`);
  await hasText(page.locator('.result'), example1.group);
});

test('the skip link, the first Tab stop, moves the focus to the main content and keeps the answers', async () => {
  const page = await s.page();
  await visit(page, s.url, fragment(example1.values));
  await hasText(page.locator('#result'), `${example1.annual} a year`);
  await tab(page, 'a "Skip to main content"');
  await page.keyboard.press('Enter');
  await waitFocus(page, '#main');
  await hasText(page.locator('#result'), `${example1.annual} a year`);
});

test('a failed submit by keyboard: the error summary receives the focus', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await tabFromTop(page);
  for (const id of controlIds(['score', 'allocation', 'age', 'date_of_birth', 'assessed_on', 'current_cost', 'includes_contingency'])) await tab(page, `#${id}`);
  await tab(page, 'button "Show the budget"');
  await page.keyboard.press('Enter');
  await waitFocus(page, '#error-summary');
});

test('Rotherham by keyboard: arrow to its radio button, type the allocation and the dates, Enter', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await tabFromTop(page);
  // Rotherham is the radio button before Trafford's: an arrow key moves the
  // choice within the group, and Space on it keeps it chosen.
  await page.keyboard.press('ArrowUp');
  await waitFocus(page, '#policy-rotherham-2017');
  await page.keyboard.press('Space');
  await eventually(async () => assert.ok(await page.locator('#policy-rotherham-2017').isChecked()));
  await tab(page, '#allocation');
  await typeKeys(page, 'allocation', rotherham.values.allocation);
  await tab(page, '#age');
  await typeKeys(page, 'age', rotherham.values.age);
  for (const id of controlIds(['date_of_birth'])) await tab(page, `#${id}`);
  await typeDate(page, 'assessed_on', rotherham.values.assessed_on);
  await tab(page, '#current_cost');
  await typeKeys(page, 'current_cost', rotherham.values.current_cost);
  await page.keyboard.press('Enter');
  await waitFocus(page, '#result');
  await hasText(page.locator('.result'), `takes effect on ${rotherham.takesEffect}`);
});
