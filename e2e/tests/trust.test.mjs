// The calculator as a parent meets it today and a cohort as a councillor
// reads it by year: a plan agreed in 2026 follows the report's timetable
// counted from its plan date (Decision implementation-period), a child's
// schedule ends on the 18th birthday whatever the group (Decision turns-18),
// and a cohort's spend by year stops there. Every figure is worked by hand
// beside it, from Trafford 2013 §6.3 and Appendix 1 (docs/rules.md).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, visit, hasText, eventually, scheduleRows, loadCohort, cohortFigures, figure, E2E } from '../lib/harness.mjs';

const s = suite({ warm: true });

async function schedule(page, fragment) {
  await visit(page, s.url, fragment);
  await hasText(page.locator('#result'), 'a year');
  let rows;
  await eventually(async () => {
    rows = (await scheduleRows(page)).map((r) => r.slice(0, 2));
    assert.ok(rows.length > 0, 'a schedule is shown');
  });
  return rows;
}

test('a plan agreed on 30 November 2026 follows the report\'s timetable from its plan date, and a birthday supersedes it', async (t) => {
  const page = await s.page({}, t);
  // Score 212 at 12 (born 20 August 2014): band 10–13, 200–259, £0.75 a
  // point a week: 212 × 0.75 × 52 = £8,268.00. Base £12,000.00: a decrease
  // of £3,732.00, group 4, steps of ⅓ × £3,732.00 = £1,244.00, 6 and 18
  // months after the plan date; on 20 August 2028 the child turns 14 (band
  // 14-plus, £1.00): 212 × 1.00 × 52 = £11,024.00 supersedes the last stage.
  const rows = await schedule(page, '#policy=trafford-2013&score=212&date_of_birth=2014-08-20&assessed_on=2026-11-30&current_cost=12000');
  assert.deepEqual(rows, [
    ['30 November 2026', '£12,000.00'],
    ['30 May 2027', '£10,756.00'],
    ['30 May 2028', '£9,512.00'],
    ['20 August 2028', '£11,024.00'],
  ]);
  await hasText(page.locator('#timetable-note'), "The report's stage dates have passed; the same timetable is counted from the plan date");
  // The working names only the dates the table has.
  const working = await page.locator('.result').evaluate((el) => el.textContent);
  assert.ok(working.includes('From 30 May 2027'), 'the working names the stage of the table');
  assert.ok(!working.includes('1 October 2013'), 'the working names no date of the 2013 timetable');
});

test('an 18th birthday ends the schedule in group 1 and in group 3, at £0.00', async (t) => {
  const page = await s.page({}, t);
  // Told £10,000.00 a year; born 15 March 2009, 18 on 15 March 2027, before
  // the plan's horizon (30 May 2029, group 4's last stage). Current cost
  // £9,000.00: an increase, group 1, at once.
  let rows = await schedule(page, '#policy=trafford-2013&allocation=10000&date_of_birth=2009-03-15&assessed_on=2026-11-30&current_cost=9000');
  assert.deepEqual(rows, [['30 November 2026', '£10,000.00'], ['15 March 2027', '£0.00']]);
  // Born 1 December 2009: 18 on 1 December 2027. Current cost £11,500.00:
  // a decrease of £1,500.00, group 3, steps of ½ × £1,500.00 = £750.00 on
  // 30 May 2027 and 30 May 2028; the birthday comes between them.
  rows = await schedule(page, '#policy=trafford-2013&allocation=10000&date_of_birth=2009-12-01&assessed_on=2026-11-30&current_cost=11500');
  assert.deepEqual(rows, [['30 November 2026', '£11,500.00'], ['30 May 2027', '£10,750.00'], ['1 December 2027', '£0.00']]);
  await hasText(page.locator('.result'), "turns 18: leaves children's services");
});

test('a cohort\'s spend by year counts a child only until the 18th birthday', async (t) => {
  const page = await s.page({}, t);
  await visit(page, s.url, 'cohort#policy=trafford-2013');
  await loadCohort(page, join(E2E, 'fixtures', 'turns-18.csv'));
  // Both told £10,000.00 a year from 30 November 2026 (group 1: current
  // cost £9,000.00). In 2026/27 (1 April 2026 to 31 March 2027, 365 days):
  // the one who turns 18 on 15 March 2027 is paid for 30 November to 14
  // March, 1 + 31 + 31 + 28 + 14 = 105 days; the other for 30 November to 31
  // March, 122 days. 10,000 × (105 + 122) ÷ 365 = 6,219.178… = £6,219.18.
  // Paid to 31 March, the first would have added 10,000 × 17 ÷ 365.
  const rows = await cohortFigures(page);
  assert.deepEqual(figure(rows, 'Children'), ['2']);
  assert.deepEqual(figure(rows, 'Spend 2026/27'), ['£6,219.18']);
  await hasText(page.locator('#spend-how'), "nothing from the child's 18th birthday");
});
