package engine

// idSet remembers the 64-bit hash of each id a cohort file has shown with
// the line it was first on, to find an id given twice. It is an open-
// addressing hash table of its own rather than a Go map: a slice of hashes
// and a parallel slice of lines, a power of two long, probed linearly and
// doubled when seven eighths full. That is 12 bytes a slot, so between 14
// and 28 bytes a row (25 at 500,000 rows, and half as much again for a
// moment while it doubles), where a map[uint64]int32 takes between about
// 19 and 39 (38 at 500,000 rows; BenchmarkIDSet measures both). Every id
// must be remembered exactly, so the set grows with the rows: it is the
// only part of reading a cohort that does.
//
// The set trusts the hash: two different ids that share one are taken for
// the same id, as the map it replaces took them. With a seeded 64-bit hash
// the chance of any such clash among n ids is about n²/2⁶⁵: one in some
// 150 million for 500,000 rows, one in some 370,000 for 10 million. The
// message of a duplicate names both lines, so a clash can be checked by eye.
type idSet struct {
	hashes []uint64 // 0 marks an empty slot; the hash 0 is kept apart
	lines  []int32  // the line of the hash in the same slot
	n      int      // the hashes held in the slots
	zero   int32    // the line of the hash 0, if hasZero
	// hasZero says whether the hash 0 has been added: it cannot be told
	// from an empty slot, so it has no slot.
	hasZero bool
}

// idSetMin is the number of slots the set starts with.
const idSetMin = 1 << 10

// find returns the line the hash h was added with, and whether it was.
func (s *idSet) find(h uint64) (int32, bool) {
	if h == 0 {
		return s.zero, s.hasZero
	}
	if len(s.hashes) == 0 {
		return 0, false
	}
	mask := uint64(len(s.hashes) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.hashes[i] {
		case h:
			return s.lines[i], true
		case 0:
			return 0, false
		}
	}
}

// add records the hash h as first seen on line. A hash already held keeps
// its first line: callers look with find first.
func (s *idSet) add(h uint64, line int32) {
	if h == 0 {
		if !s.hasZero {
			s.zero, s.hasZero = line, true
		}
		return
	}
	if (s.n+1)*8 > len(s.hashes)*7 {
		s.grow()
	}
	if s.put(h, line) {
		s.n++
	}
}

// put stores h and line in the first slot of h's probe that holds h or is
// empty, and says whether the slot was empty. There is always an empty slot.
func (s *idSet) put(h uint64, line int32) bool {
	mask := uint64(len(s.hashes) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.hashes[i] {
		case h:
			return false
		case 0:
			s.hashes[i], s.lines[i] = h, line
			return true
		}
	}
}

// grow doubles the slots (or makes the first ones) and puts back the hashes
// held.
func (s *idSet) grow() {
	hashes, lines := s.hashes, s.lines
	size := max(idSetMin, 2*len(hashes))
	s.hashes, s.lines = make([]uint64, size), make([]int32, size)
	for i, h := range hashes {
		if h != 0 {
			s.put(h, lines[i])
		}
	}
}

// count returns the number of hashes held.
func (s *idSet) count() int {
	if s.hasZero {
		return s.n + 1
	}
	return s.n
}
