package engine

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestIDSet adds ids in turn, table by table, and checks what each add
// answers: an id kept with its first line, ids that differ only in case, in
// length or in a byte past the eighth told apart, and the empty id and ids
// of every length up to a field's longest kept.
func TestIDSet(t *testing.T) {
	type add struct {
		id    string
		line  int32
		first int32 // the line a duplicate names, or 0
	}
	long := strings.Repeat("x", MaxFieldLength)
	tests := []struct {
		name  string
		adds  []add
		count int
	}{
		{"empty", nil, 0},
		{"one", []add{{"c1", 2, 0}}, 1},
		{"first line kept", []add{{"c1", 2, 0}, {"c1", 3, 2}, {"c1", 4, 2}}, 1},
		{"case", []add{{"A7", 2, 0}, {"a7", 3, 0}, {"A7", 4, 2}}, 2},
		{"prefix", []add{{"child", 2, 0}, {"child1", 3, 0}, {"chil", 4, 0}, {"child1", 5, 3}, {"child", 6, 2}}, 3},
		{"ninth byte", []add{{"abcdefgh1", 2, 0}, {"abcdefgh2", 3, 0}, {"abcdefgh", 4, 0}, {"abcdefgh2", 5, 3}}, 3},
		{"zero bytes", []add{{"a", 2, 0}, {"a\x00", 3, 0}, {"a\x00\x00", 4, 0}, {"a\x00", 5, 3}}, 3},
		{"empty id", []add{{"", 2, 0}, {"", 3, 2}, {"x", 4, 0}}, 2},
		{"longest", []add{{long, 2, 0}, {long[1:], 3, 0}, {long, 4, 2}}, 2},
		{"utf-8", []add{{"Zoë", 2, 0}, {"Zoe", 3, 0}, {"Zoë", 4, 2}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s idSet
			for _, a := range tt.adds {
				first, dup := s.add(a.id, a.line)
				if dup != (a.first != 0) || first != a.first {
					t.Errorf("add(%q, %d) = %d, %v, want %d, %v", a.id, a.line, first, dup, a.first, a.first != 0)
				}
			}
			if got := s.count(); got != tt.count {
				t.Errorf("count() = %d, want %d", got, tt.count)
			}
		})
	}
}

// TestIDSetSameHashBits puts an id in the very slot another id's hash
// leads to, with the same 32 bits of hash that a slot keeps: the two are
// told apart by their bytes, and each is found again as itself.
func TestIDSetSameHashBits(t *testing.T) {
	var s idSet
	s.add("a", 2)
	hb := hashID(s.seed, "b") & (1<<32 - 1)
	for i := range s.slots {
		s.slots[i] = 0
	}
	s.slots[hb&uint64(len(s.slots)-1)] = 1<<32 | hb // entry 0, "a"
	if first, dup := s.add("b", 3); dup {
		t.Fatalf(`add("b") found it on line %d: "a" was taken for it`, first)
	}
	if first, dup := s.add("b", 4); !dup || first != 3 {
		t.Errorf(`add("b") again = %d, %v, want 3, true`, first, dup)
	}
	if s.count() != 2 {
		t.Errorf("count() = %d, want 2", s.count())
	}
}

// TestIDSetSameSlot adds ids whose hashes all lead to one first slot, the
// worst case for linear probing, past the end of the slots and through
// several doublings, and checks that each is found again with its line and
// that the slots stay a power of two no more than seven eighths full.
func TestIDSetSameSlot(t *testing.T) {
	var s idSet
	s.add("seed", 1)
	mask := uint64(idSetMin - 1)
	var ids []string
	for i := 0; len(ids) < 40; i++ {
		id := "c" + strconv.Itoa(i)
		if hashID(s.seed, id)&mask == mask { // the last slot: the probe wraps
			ids = append(ids, id)
		}
	}
	for i := 0; len(ids) < 4*idSetMin; i++ {
		ids = append(ids, "d"+strconv.Itoa(i))
	}
	for i, id := range ids {
		if _, dup := s.add(id, int32(i+2)); dup {
			t.Fatalf("add(%q) found an id not added", id)
		}
		if size := len(s.slots); size&(size-1) != 0 || 8*s.count() > 7*size {
			t.Fatalf("%d ids in %d slots", s.count(), size)
		}
	}
	if want := 8 * idSetMin; len(s.slots) != want {
		t.Errorf("%d slots for %d ids, want %d", len(s.slots), s.count(), want)
	}
	for i, id := range ids {
		if first, dup := s.add(id, 0); !dup || first != int32(i+2) {
			t.Fatalf("add(%q) again = %d, %v, want %d, true", id, first, dup, i+2)
		}
	}
}

// TestIDSetAgainstMap adds random ids, some given more than once, and checks
// after each that the set answers as a map of the ids would, the duplicate
// found at the line of its second showing naming the first.
func TestIDSetAgainstMap(t *testing.T) {
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 12))
		var s idSet
		m := map[string]int32{}
		var ids []string
		for line := int32(2); line < 20_000; line++ {
			var id string
			switch r := rng.IntN(10); {
			case r < 2 && len(ids) > 0:
				id = ids[rng.IntN(len(ids))] // an id given again
			default:
				id = strconv.FormatUint(rng.Uint64N(1<<uint(8+rng.IntN(40))), 36)
				if rng.IntN(4) == 0 {
					id = strings.Repeat(id, 1+rng.IntN(5))
				}
				ids = append(ids, id)
			}
			want, wantDup := m[id]
			got, dup := s.add(id, line)
			if got != want || dup != wantDup {
				t.Fatalf("seed %d, line %d, id %q: add = %d, %v, the map has %d, %v", seed, line, id, got, dup, want, wantDup)
			}
			if !dup {
				m[id] = line
			}
			if s.count() != len(m) {
				t.Fatalf("seed %d, line %d: count() = %d, the map holds %d", seed, line, s.count(), len(m))
			}
		}
	}
}

// BenchmarkIDSet adds n distinct ids, as the cohort reader does, to an idSet
// and to a map[string]int32, and reports the bytes each holds a row once
// built (live, after a collection) and the time a row.
func BenchmarkIDSet(b *testing.B) {
	for _, n := range []int{50_000, 500_000} {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = "c" + strconv.Itoa(i)
		}
		live := func(build func() any) float64 {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			v := build()
			runtime.GC()
			runtime.ReadMemStats(&after)
			runtime.KeepAlive(v)
			return float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
		}
		b.Run(fmt.Sprintf("set/rows=%d", n), func(b *testing.B) {
			build := func() any {
				var s idSet
				for i, id := range ids {
					s.add(id, int32(i+2))
				}
				return &s
			}
			for b.Loop() {
				build()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n)/float64(b.N), "ns/row")
			b.ReportMetric(live(build), "bytes/row")
		})
		b.Run(fmt.Sprintf("map/rows=%d", n), func(b *testing.B) {
			build := func() any {
				m := map[string]int32{}
				for i, id := range ids {
					if _, dup := m[id]; !dup {
						m[id] = int32(i + 2)
					}
				}
				return m
			}
			for b.Loop() {
				build()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n)/float64(b.N), "ns/row")
			b.ReportMetric(live(build), "bytes/row")
		})
	}
}
