// The cases the tests put to the page, with every expected figure taken from
// the councils' reports or worked by hand here, beside its arithmetic; none is
// copied from the page's output.

// Trafford 2013, Appendix 1, Example 1: "a pre-existing package of support
// totalling £8,637 ... a personal budget offer of £10,413 ... a group 1
// client". docs/rules.md fixes the score and age: 267 points at age 7. The
// report's examples are assessed on 1 April 2013, when the policy began (the
// page takes a blank date of assessment as the visitor's today).
export const example1 = {
  values: { policy: 'trafford-2013', score: '267', age: '7', assessed_on: '2013-04-01', current_cost: '8637' },
  // Age 7 is band 5–9; 267 is band 260+, £0.75 a point a week (§6.3):
  // 267 × 0.75 = 200.25 a week; × 52 = 10,413.00 a year.
  annual: '£10,413.00',
  weekly: '£200.25',
  ageBand: '5–9 years',
  // 10,413.00 ≥ 8,637.00: group 1, the allocation at once, from the default
  // assessment date, 1 April 2013 (Recommendation 1).
  group: 'group 1',
  schedule: [['1 April 2013', '£10,413.00']],
  // 267 is within 10 of the step at 260 (zone 250–270). Either side of it,
  // for band 5–9: 259 × 0.50 × 52 = 259 × 26 = 6,734.00; 260 × 0.75 × 52 =
  // 260 × 39 = 10,140.00.
  moderation: { zone: '250 to 270', below: '£6,734.00', above: '£10,140.00' },
};

// Trafford 2013, Appendix 1, Example 2: "a pre-existing package of support
// at a total cost to service of £11,912 and their RAS assessment indicates
// that they would be entitled to a personal budget of £9,367, making them a
// group 4 client". The report gives no score: the family enters the
// allocation it was told (the Trafford form's optional field). Nor does it
// give the age: 12, as the engine's case of it does
// (testdata/cases/trafford-worked-examples.txtar), with no date of birth, so
// no birthday falls in the schedule.
export const example2 = {
  values: { policy: 'trafford-2013', allocation: '9367', age: '12', assessed_on: '2013-04-01', current_cost: '11912' },
  annual: '£9,367.00',
  // 9,367.00 ÷ 52 = 180.134… → £180.13.
  weekly: '£180.13',
  // 11,912.00 − 9,367.00 = 2,545.00 ≥ 2,500.00: group 4, three steps of
  // 2,545.00 ÷ 3 = 848.333… → 848.33: 11,912.00 − 848.33 = 11,063.67;
  // − 848.33 = 10,215.34; then the allocation, 9,367.00.
  group: 'group 4',
  schedule: [
    ['1 April 2013', '£11,912.00'],
    ['1 October 2013', '£11,063.67'],
    ['1 October 2014', '£10,215.34'],
    ['1 October 2015', '£9,367.00'],
  ],
};

// Trafford 2013, Appendix 1, Example 3: 12 years old, turns 14 on 20 August
// 2014, a package of £15K, an offer of £13,572 (group 3), £14,286 from
// 1 October 2013 (a reduction of £714), and £17,643.60 from 20 August 2014.
export const example3 = {
  values: { policy: 'trafford-2013', score: '261', date_of_birth: '2000-08-20', assessed_on: '2013-04-01', current_cost: '15000' },
  // Born 20 August 2000, 12 on 1 April 2013: band 10–13, £1.00 a point a
  // week for 260+: 261 × 1.00 × 52 = 13,572.00 a year, 261.00 a week.
  annual: '£13,572.00',
  weekly: '£261.00',
  ageBand: '10–13 years',
  // 15,000.00 − 13,572.00 = 1,428.00: a decrease of £1,000–£2,499.99, group
  // 3, two steps of ½ × 1,428.00 = 714.00. The base cost until the first
  // stage; 15,000.00 − 714.00 = 14,286.00 on 1 October 2013; on turning 14,
  // band 14-plus at £1.30: 261 × 1.30 × 52 = 339.30 × 52 = 17,643.60, which
  // supersedes the second stage (1 October 2014).
  group: 'group 3',
  schedule: [
    ['1 April 2013', '£15,000.00'],
    ['1 October 2013', '£14,286.00'],
    ['20 August 2014', '£17,643.60', 'age band 14-plus'],
  ],
  // 261 is within 10 of 260. For band 10–13: 259 × 0.75 × 52 = 259 × 39 =
  // 10,101.00; 260 × 1.00 × 52 = 13,520.00.
  moderation: { zone: '250 to 270', below: '£10,101.00', above: '£13,520.00' },
  // With the 3.5% contingency included in the current cost (§6.6): base
  // cost 15,000 ÷ 1.035 = 14,492.7536… → 14,492.75; the contingency is
  // 15,000.00 − 14,492.75 = 507.25; the decrease 14,492.75 − 13,572.00 =
  // 920.75 is under £1,000: group 2, at once.
  contingency: { baseCost: '£14,492.75', part: '£507.25', group: 'group 2' },
};

// Rotherham 2017: prices are not published, so the family enters the
// allocation it was told. 4,000 < 6,000: the notice group; three calendar
// months after 30 November 2017 is 30 February 2018, clamped to 28 February
// 2018 (2018 is not a leap year); reviews 6 and 12 months after the decision:
// 30 May 2018 and 30 November 2018.
export const rotherham = {
  values: { policy: 'rotherham-2017', allocation: '4000', age: '9', current_cost: '6000', assessed_on: '2017-11-30' },
  annual: '£4,000.00',
  // 4,000 ÷ 52 = 76.923… → 76.92.
  weekly: '£76.92',
  noticeGiven: '30 November 2017',
  takesEffect: '28 February 2018',
  reviews: ['30 May 2018', '30 November 2018'],
  schedule: [
    ['30 November 2017', '£6,000.00'],
    ['28 February 2018', '£4,000.00'],
  ],
};

// Every mistake the form reports, with the field it is reported against and
// the words of the message (from wasm/outcome.go, the page's wording; the
// age-18 message is Trafford's policy file's). values are the form's values
// that bring it on: the other fields are valid, so the one mistake is the
// only one.
export const errors = [
  { name: 'a negative score', values: { policy: 'trafford-2013', score: '-5', age: '7' },
    field: 'score', message: 'The score cannot be below 0' },
  { name: 'a score with a fraction', values: { policy: 'trafford-2013', score: '12.5', age: '7' },
    field: 'score', message: 'Enter the score as a whole number' },
  { name: 'a score that is not a number', values: { policy: 'trafford-2013', score: 'abc', age: '7' },
    field: 'score', message: 'Enter the score as a whole number' },
  { name: 'an age of 18', values: { policy: 'trafford-2013', score: '180', age: '18' },
    field: 'age', message: 'From 18, support comes from adult services' },
  { name: 'a date of birth that does not exist', values: { policy: 'trafford-2013', score: '180', date_of_birth: '2013-04-31' },
    field: 'date_of_birth', message: 'Enter the date of birth as a real date', detail: 'April 2013 has no day 31' },
  { name: 'a date of birth after the assessment', values: { policy: 'trafford-2013', score: '180', date_of_birth: '2013-05-01', assessed_on: '2013-04-01' },
    field: 'date_of_birth', message: 'The date of birth must be before the assessment date' },
  { name: 'a negative current cost', values: { policy: 'trafford-2013', score: '180', age: '7', current_cost: '-1' },
    field: 'current_cost', message: 'The amount cannot be below £0' },
  { name: 'a current cost with three decimal places', values: { policy: 'trafford-2013', score: '180', age: '7', current_cost: '1.234' },
    field: 'current_cost', message: 'no more than 2 numbers after the point' },
  { name: 'Rotherham without an allocation', values: { policy: 'rotherham-2017', age: '9' },
    field: 'allocation', message: 'Enter the allocation the council told you' },
];

// An empty Trafford form, submitted: the score and the age are both asked
// for at once, as GOV.UK's error summary does.
export const emptyForm = [
  { field: 'score', message: 'Enter the RAS score' },
  { field: 'age', message: "Enter the child's age in whole years" },
];

// Trafford's policy file as shipped, for the tests that paste it whole into
// the scenario page with one value changed.
export const TRAFFORD_YAML = readFileSync(new URL('../../policies/trafford-2013.yaml', import.meta.url), 'utf8');

// lineOf is the line (from 1) of text on which needle first appears: where a
// message about a pasted file should point.
export function lineOf(text, needle) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  return text.slice(0, at).split('\n').length;
}

import { readFileSync } from 'node:fs';
