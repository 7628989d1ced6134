package engine

import "hash/maphash"

// idSet remembers each id a cohort file has shown with the line it was first
// on, to find an id given twice. It is exact: the ids' bytes are kept, one
// after another in a block of their own, and two ids are the same only where
// their bytes are. It is an open-addressing hash table of its own rather
// than a Go map of strings: a slot holds the index of an id's entry beside
// the low 32 bits of its hash, the slots a power of two long, probed
// linearly from the slot those bits name and doubled when seven eighths
// full, each slot moving to the place its bits name in the new slots without
// hashing its id again. The bytes of an id are compared only where the 32
// bits match. An entry is where the id starts in the block and its line.
//
// At 500,000 ids of 7 bytes that is about 7 bytes of text, 8 of entry and
// between 9 and 18 of slots a row (and half as much again for a moment while
// one of them doubles): memory grows with the rows, as it must for every id
// to be remembered exactly, and is the only part of reading a cohort that
// does.
//
// The hash is seeded afresh for each set (and so for each file), so that no
// file can be written whose ids all share a slot whatever the seed.
type idSet struct {
	slots   []uint64 // (entry index + 1) << 32 | low 32 bits of the id's hash; 0: empty
	entries []uint64 // where the id starts in text << 32 | its line; it ends where the next starts
	text    []byte   // the ids, one after another
	seed    uint64
	started bool
}

// idSetMin is the number of slots the set starts with.
const idSetMin = 1 << 10

// idSetMaxText bounds the bytes of ids the set holds, so that an entry's
// start fits in 32 bits: an id is at most MaxFieldLength bytes, so this is
// more than 20 million ids.
const idSetMaxText = 1<<32 - 1

// hashID is the hash of id, seeded with seed: its bytes taken eight at a
// time, each word mixed in by a multiplication that WebAssembly has as one
// instruction (no 128-bit product, which it has not).
func hashID(seed uint64, id string) uint64 {
	const k = 0x9e3779b97f4a7c15
	n := len(id)
	h := seed ^ uint64(n)*k
	i := 0
	for ; i+8 <= n; i += 8 {
		w := uint64(id[i]) | uint64(id[i+1])<<8 | uint64(id[i+2])<<16 | uint64(id[i+3])<<24 |
			uint64(id[i+4])<<32 | uint64(id[i+5])<<40 | uint64(id[i+6])<<48 | uint64(id[i+7])<<56
		h = (h ^ w) * k
		h ^= h >> 29
	}
	var w uint64
	for j := 0; i < n; i, j = i+1, j+8 {
		w |= uint64(id[i]) << j
	}
	h = (h ^ w) * k
	h ^= h >> 32
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 31
	return h
}

// id returns the id of entry e.
func (s *idSet) id(e uint64) []byte {
	end := uint64(len(s.text))
	if e+1 < uint64(len(s.entries)) {
		end = s.entries[e+1] >> 32
	}
	return s.text[s.entries[e]>>32 : end]
}

// add records id as first seen on line, unless it has been seen before:
// then it returns the line it was first seen on, and true. An id that would
// take the text past idSetMaxText is looked for but not recorded.
func (s *idSet) add(id string, line int32) (int32, bool) {
	if !s.started {
		s.seed, s.started = maphash.String(maphash.MakeSeed(), ""), true
	}
	if (len(s.entries)+1)*8 > len(s.slots)*7 {
		s.grow()
	}
	h := hashID(s.seed, id) & (1<<32 - 1)
	mask := uint64(len(s.slots) - 1)
	i := h & mask
	for ; s.slots[i] != 0; i = (i + 1) & mask {
		if v := s.slots[i]; v&(1<<32-1) == h {
			if e := v>>32 - 1; string(s.id(e)) == id {
				return int32(uint32(s.entries[e])), true
			}
		}
	}
	if len(s.text)+len(id) > idSetMaxText {
		return 0, false
	}
	s.slots[i] = uint64(len(s.entries)+1)<<32 | h
	s.entries = append(s.entries, uint64(len(s.text))<<32|uint64(uint32(line)))
	s.text = append(s.text, id...)
	return 0, false
}

// grow doubles the slots (or makes the first ones), each slot moved to the
// place its 32 bits of hash name among the new.
func (s *idSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(idSetMin, 2*len(old)))
	mask := uint64(len(s.slots) - 1)
	for _, v := range old {
		if v != 0 {
			i := v & mask
			for s.slots[i] != 0 {
				i = (i + 1) & mask
			}
			s.slots[i] = v
		}
	}
}

// count returns the number of ids held.
func (s *idSet) count() int { return len(s.entries) }
