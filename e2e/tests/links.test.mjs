// Links: the state of the calculator, the scenario page and the cohort page
// lives after the # of the address, decoded once (wasm/link). A link with a
// stray % opens, and says which of its parts it left out, where the page
// used to stop at start; a note with a % and an & survives a round trip; a
// score of +261 from a link is refused as it is when typed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, enter, hasText, eventually, fieldValue } from '../lib/harness.mjs';

const s = suite();

// nothingWentWrong checks that a page's context saw no console error and no
// uncaught exception (a Go panic is both).
function nothingWentWrong(page) {
  const { problems } = page.context();
  assert.deepEqual(problems.console, [], 'console errors');
  assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions');
}

test('a calculator link with a stray % opens, says which part it left out, and shows the rest', async () => {
  const page = await s.freshPage();
  await visit(page, s.url, '#policy=trafford-2013&score=261&date_of_birth=2000-08-2%&age=12');
  await hasText(page.locator('#link-problems'), "The link's date_of_birth part has a stray %");
  // The rest of the link is read: Example 3, 261 × £1.00 × 52 = £13,572.00
  // (Trafford §6.3, age band 10–13).
  await hasText(page.locator('#result'), '£13,572.00 a year');
  assert.equal(await page.locator('#age').inputValue(), '12');
  assert.equal(await fieldValue(page, 'date_of_birth'), '');
  nothingWentWrong(page);
});

// A link with values is drawn once as the program starts: with its answer,
// not first with the worked example, worked out and drawn only to be
// replaced; how the answer is worked out follows once the page is drawn.
test('a calculator link is drawn with its answer first, never the worked example in between', async () => {
  const page = await s.freshPage();
  // Every worked example the page adds once the program has begun to draw
  // (the prerendered one is in the page before it runs), and the moments the
  // answer and its explanation arrive.
  await page.addInitScript(() => {
    const seen = (window.__drawn = { examples: 0, answerAt: null, explainedAt: null });
    const parsed = new WeakSet();
    let read = false;
    document.addEventListener('DOMContentLoaded', () => {
      read = true;
      for (const el of document.querySelectorAll('section.example')) parsed.add(el);
    });
    new MutationObserver((records) => {
      if (read) {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            for (const el of [n, ...n.querySelectorAll('section.example')]) {
              if (el.matches('section.example') && !parsed.has(el)) {
                parsed.add(el);
                seen.examples++;
              }
            }
          }
        }
      }
      const result = document.getElementById('result');
      if (seen.answerAt === null && !document.getElementById('app-wasm-loader') && result && result.textContent.includes('£13,572.00')) seen.answerAt = performance.now();
      if (seen.explainedAt === null && document.querySelector('.results .result .actions')) seen.explainedAt = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await visit(page, s.url, '#policy=trafford-2013&score=261&age=12');
  // Example 3 of the Trafford report: 261 × £1.00 × 52 = £13,572.00 (§6.3).
  await hasText(page.locator('#result'), '£13,572.00 a year');
  await hasText(page.locator('.results .result'), 'Copy a link to this result');
  const drawn = await page.evaluate(() => window.__drawn);
  assert.equal(drawn.examples, 0, 'the program drew no worked example');
  assert.ok(drawn.answerAt !== null && drawn.explainedAt !== null, 'the answer and its explanation were both drawn');
  assert.ok(drawn.answerAt <= drawn.explainedAt, 'the answer came no later than its explanation');
  nothingWentWrong(page);
});

test('a scenario link with a stray % opens, and says which part it left out', async () => {
  for (const path of ['scenario', 'cohort']) {
    const page = await s.freshPage();
    await visit(page, s.url, `${path}#policy=trafford-2013&c=moderation.window%3D%2215%22&n=moderation.window%3DCut+by+5%+review&score=26%1`);
    await hasText(page.locator('#link-problems'), "The link's n part has a stray %", "The link's score part has a stray %");
    if (path === 'scenario') {
      await eventually(async () => assert.equal(await page.locator('#param-moderation-window').inputValue(), '15'));
    } else {
      await hasText(page.locator('.lead'), '1 change');
    }
    nothingWentWrong(page);
  }
});

test('a note "Cut by 5% & review" survives a link round trip', async () => {
  const page = await s.freshPage();
  await visit(page, s.url, 'scenario#policy=trafford-2013');
  const note = 'Cut by 5% & review';
  await enter(page, 'param-moderation-window', '15');
  await enter(page, 'param-moderation-window-note', note);
  await hasText(page.locator('.scenario-results'), note);
  const url = await eventually(async () => {
    const u = page.url();
    assert.match(u, /&n=/, 'the note is in the link');
    return u;
  });
  const fresh = await s.freshPage();
  await visit(fresh, url);
  await eventually(async () => assert.equal(await fresh.locator('#param-moderation-window-note').inputValue(), note));
  await hasText(fresh.locator('.scenario-results'), note);
  assert.equal(await fresh.locator('#link-problems').count(), 0);
  nothingWentWrong(fresh);
});

test('a score of +261 from a link is refused as it is when typed', async () => {
  const typed = await s.freshPage();
  await visit(typed, s.url);
  await enter(typed, 'age', '12');
  await enter(typed, 'score', '+261');
  await typed.getByRole('button', { name: 'Show the budget' }).click();
  const message = await eventually(async () => {
    const m = (await typed.locator('#score-error').textContent()).trim();
    assert.ok(m, 'typed, +261 has an error');
    return m;
  });
  const hash = await typed.evaluate(() => location.hash);
  assert.match(hash, /score=%2B261/);

  const linked = await s.freshPage();
  await visit(linked, s.url, hash);
  await eventually(async () => assert.equal(await linked.locator('#score').inputValue(), '+261'));
  await eventually(async () => assert.equal((await linked.locator('#score-error').textContent()).trim(), message));
  assert.equal(await linked.locator('#result').filter({ hasText: '£13,572.00' }).count(), 0, 'no figure from +261');
  nothingWentWrong(linked);
});
