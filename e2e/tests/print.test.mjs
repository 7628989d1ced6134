// Printing a result: the form, the header and the buttons are left off the
// paper, and the answers it was "Worked out from", the policy with its
// report and the date printed are printed with the result, the working
// opened and the citations at the size of the text. A PDF of it is kept in
// artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, hasText, fragment, artifact, longDate, longDateUTC } from '../lib/harness.mjs';
import { example3 } from '../lib/cases.mjs';

const s = suite();

test('print: the form is hidden; the answers, the policy and its report, and the date printed are printed', async () => {
  const page = await s.page();
  await visit(page, s.url, fragment(example3.values));
  await hasText(page.locator('#result'), `${example3.annual} a year`);
  const answers = page.locator('.print-only');
  assert.equal(await answers.isVisible(), false, 'on screen, "Worked out from" is not shown');

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('form.calculator').isVisible(), false, 'the form is hidden');
  assert.equal(await page.locator('header').isVisible(), false, 'the header is hidden');
  assert.equal(await page.getByRole('button', { name: 'Copy a link to this result' }).isVisible(), false, 'the buttons are hidden');
  assert.ok(await page.locator('#result').isVisible(), 'the budget is printed');
  assert.ok(await answers.isVisible(), '"Worked out from" is printed');
  const printed = await hasText(answers, 'Worked out from',
    'Score 261', 'Date of birth 2000-08-20', 'Date of assessment 2013-04-01', 'Current annual cost 15000',
    'Policy: Trafford 2013 (Trafford Council, 4 March 2013)',
    // The report, as Trafford Council published it.
    'from the report “Personalisation – Proposals for Children and Young People Service Implementation” to the Council Executive',
    "the council's rules as published then, which it may have changed since");
  // The date it was printed: today, as the browser's clock has it.
  const now = new Date();
  const days = [-1, 0, 1].map((d) => new Date(now.getTime() + d * 86_400_000));
  const dates = new Set(days.flatMap((d) => [longDate(d), longDateUTC(d)]));
  const on = /printed on (\d{1,2} [A-Z][a-z]+ \d{4})/.exec(printed);
  assert.ok(on, `a date in: ${printed}`);
  assert.ok(dates.has(on[1]), `${on[1]} is today`);

  // The working, closed on screen, is printed, and each citation is the size
  // of the text it cites.
  const step = page.locator('.result details.working ol.steps li').first();
  assert.ok(await step.isVisible(), 'the working is printed');
  const sizes = await page.locator('.result .cite').evaluateAll((cs) => cs.map((c) => [
    getComputedStyle(c).fontSize, getComputedStyle(c.parentElement).fontSize, c.innerText.trim()]));
  assert.ok(sizes.length > 5, `citations printed: ${sizes.length}`);
  for (const [own, around, words] of sizes) assert.equal(own, around, `${words} is printed at ${own}, the text at ${around}`);
  await page.pdf({ path: artifact('print-example3.pdf'), format: 'A4' });

  await page.emulateMedia({ media: 'screen' });
  assert.ok(await page.locator('form.calculator').isVisible(), 'back on screen, the form is there');
  assert.equal(await step.isVisible(), false, 'back on screen, the working is closed again');
});
