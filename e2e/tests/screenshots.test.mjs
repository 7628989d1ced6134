// Screenshots of every page and state, whole pages, on a phone (375×812)
// and on a desktop (1280×800), kept in artifacts/screenshots/ for a person
// to look at: the empty calculator, its errors, Example 3's result,
// Rotherham's result, each methodology page and the page not found.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { suite, visit, show, clearForm, submit, hasText, artifact } from '../lib/harness.mjs';
import { example3, rotherham } from '../lib/cases.mjs';

const s = suite({ warm: true });

const sizes = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 800 } };

// The calculator's states follow one another in one page, as a visitor's
// would: the empty form, submitted, then two links within the site, the form
// emptied between them so that every field shows the state pictured. The
// other pages are each opened on their own.
let calculator;
const onCalculator = async () => (calculator ??= await s.calculator({ viewport: sizes.desktop }));

const states = [
  { name: 'calculator-empty', open: onCalculator, ready: (p) => hasText(p.locator('#result'), 'Enter a score and an age') },
  {
    name: 'calculator-errors',
    open: async () => { const p = await onCalculator(); await submit(p); return p; },
    ready: (p) => hasText(p.locator('#error-summary'), 'There is a problem'),
  },
  {
    name: 'calculator-example3',
    open: async () => { const p = await onCalculator(); await clearForm(p); await show(p, example3.values); return p; },
    ready: (p) => hasText(p.locator('.result'), example3.schedule[2][1]),
  },
  {
    name: 'calculator-rotherham',
    open: async () => { const p = await onCalculator(); await clearForm(p); await show(p, rotherham.values); return p; },
    ready: (p) => hasText(p.locator('.result'), rotherham.takesEffect),
  },
  { name: 'methodology-trafford-2013', open: (t) => opened(t, 'methodology/trafford-2013'), ready: (p) => hasText(p.locator('h1'), 'Trafford 2013') },
  { name: 'methodology-rotherham-2017', open: (t) => opened(t, 'methodology/rotherham-2017'), ready: (p) => hasText(p.locator('h1'), 'Rotherham 2017') },
  { name: 'not-found', open: (t) => opened(t, 'no/such/page'), ready: (p) => hasText(p.locator('h1'), 'Page not found') },
];

async function opened(t, path) {
  const page = await s.page({ viewport: sizes.desktop }, t);
  await visit(page, s.url, path);
  return page;
}

// Each state is opened once, at the desktop's size, and pictured at each
// size in turn: the page reflows as the window changes, as on a phone.
for (const state of states) {
  test(`screenshots, ${Object.values(sizes).map((v) => `${v.width}×${v.height}`).join(' and ')}: ${state.name}`, async (t) => {
    const page = await state.open(t);
    await page.setViewportSize(sizes.desktop);
    await state.ready(page);
    // No caret or focus ring in the picture, and fonts settled.
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => document.fonts.ready);
    for (const [size, viewport] of Object.entries(sizes)) {
      await page.setViewportSize(viewport);
      await page.waitForFunction((w) => window.innerWidth === w, viewport.width);
      const path = artifact('screenshots', `${state.name}-${size}-${viewport.width}x${viewport.height}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
      assert.ok(statSync(path).size > 10_000, `${path} holds a picture`);
    }
  });
}
