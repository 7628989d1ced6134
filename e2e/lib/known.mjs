// Bugs the suite has found in the page and not yet fixed. A test that meets
// one is marked todo with these words: it still runs, and the summary counts
// it under "todo" (passing or failing) without failing the run. Once the page
// is fixed, the todo test passes; then delete its entry here and the
// `todo: known.…` on the test.

export const known = {};
