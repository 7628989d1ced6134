// Accessibility: axe-core over every page and state against WCAG 2.2 AA
// (the wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa rules): the calculator
// empty, with errors, with a result, with moderation, with a transition, and
// Rotherham with notice; each methodology page; the scenario and cohort pages
// as they open; the page for an unknown address. Each at a desktop's width
// (1280), a phone's (375) and the narrowest WCAG asks for (320): some rules,
// like a table that scrolls in its wrapper, only apply when the page is
// narrow. Each run's violations are also written to
// artifacts/axe/<state>-<width>.json.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import {
  suite, visit, show, submit, hasText, axe, describeViolations, artifact,
} from '../lib/harness.mjs';
import { example1, example3, rotherham } from '../lib/cases.mjs';

const s = suite({ warm: true });

// A budget with no moderation and no transition: 180 is 20 points from the
// step at 200 and 30 from 150 (§6.3: within 10 is moderated); for age 7,
// 180 × £0.20 × 52 = £1,872.00.
const plain = { policy: 'trafford-2013', score: '180', age: '7' };

// The calculator's states are reached in one page, one after the other,
// as a visitor would: the empty form, submitted, then links within the site
// (show). The other pages are each opened on their own.
let calculator;
const onCalculator = (values) => async () => {
  calculator ??= await s.calculator();
  if (values) await show(calculator, values);
  return calculator;
};

const states = [
  { name: 'calculator, empty', open: onCalculator(), ready: (p) => hasText(p.locator('#result'), 'Enter a score and an age') },
  {
    name: 'calculator, an empty form submitted',
    open: async () => { const p = await onCalculator()(); await submit(p); return p; },
    ready: (p) => hasText(p.locator('#error-summary'), 'There is a problem'),
  },
  {
    name: 'calculator, several mistakes from a link',
    open: onCalculator({ policy: 'trafford-2013', score: '-5', age: '18', current_cost: '1.234' }),
    ready: (p) => hasText(p.locator('#error-summary'), 'There is a problem', 'adult services', 'cannot be below 0'),
  },
  { name: 'calculator, a result', open: onCalculator(plain), ready: (p) => hasText(p.locator('#result'), '£1,872.00 a year') },
  {
    name: 'calculator, a result with moderation (score 261)',
    open: onCalculator({ policy: 'trafford-2013', score: '261', age: '12' }),
    ready: (p) => hasText(p.locator('.result'), 'Moderation', example3.moderation.below),
  },
  {
    name: 'calculator, a result with a transition (Example 1, current cost)',
    open: onCalculator(example1.values),
    ready: (p) => hasText(p.locator('.result'), 'Moving from the current package', example1.group),
  },
  {
    name: 'calculator, a staged transition (Example 3)',
    open: onCalculator(example3.values),
    ready: (p) => hasText(p.locator('.result'), example3.schedule[2][2]),
  },
  {
    name: 'calculator, Rotherham with notice',
    open: onCalculator(rotherham.values),
    ready: (p) => hasText(p.locator('.result'), 'Notice and reviews', rotherham.takesEffect),
  },
  {
    name: 'methodology, Trafford 2013',
    open: (t) => opened(t, 'methodology/trafford-2013'),
    ready: (p) => hasText(p.locator('h1'), 'How Trafford 2013 works'),
  },
  {
    name: 'methodology, Rotherham 2017',
    open: (t) => opened(t, 'methodology/rotherham-2017'),
    ready: (p) => hasText(p.locator('h1'), 'How Rotherham 2017 works'),
  },
  {
    name: 'try a change to the rules (scenario)',
    open: (t) => opened(t, 'scenario'),
    ready: (p) => hasText(p.locator('h1'), 'Try a change to the rules'),
  },
  {
    name: 'a whole cohort',
    open: (t) => opened(t, 'cohort'),
    ready: (p) => hasText(p.locator('h1'), 'A whole cohort'),
  },
  {
    name: 'page not found',
    open: (t) => opened(t, 'no/such/page'),
    ready: (p) => hasText(p.locator('h1'), 'Page not found'),
  },
];

async function opened(t, path) {
  const page = await s.page({}, t);
  await visit(page, s.url, path);
  return page;
}

const widths = [1280, 375, 320];

// Violations found and reported, not yet fixed: "state @ width" → what axe
// says; their tests are marked todo. (None now. Found and since fixed:
// scrollable-region-focusable on the methodology's tables at 375 and 320px.)
const knownViolations = {};

for (const state of states) {
  test(`axe, WCAG 2.2 AA: ${state.name}`, async (t) => {
    const page = await state.open(t);
    await page.setViewportSize({ width: widths[0], height: 800 });
    await state.ready(page);
    for (const width of widths) {
      const name = `${state.name} @ ${width}`;
      await t.test(`${width}px wide`, { todo: knownViolations[name] }, async () => {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForFunction((w) => document.documentElement.clientWidth <= w, width);
        const violations = await axe(page);
        const file = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
        writeFileSync(artifact('axe', `${file}.json`), JSON.stringify(violations, null, 2));
        assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
      });
    }
  });
}
