package engine

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
)

// TestIDSet adds hashes in turn and looks each up after, table by table:
// a hash kept with its first line, the hash 0 (which marks an empty slot)
// kept apart, hashes that share a first slot probed past one another and
// past the end of the slots.
func TestIDSet(t *testing.T) {
	type add struct {
		h    uint64
		line int32
	}
	type find struct {
		h    uint64
		line int32
		ok   bool
	}
	tests := []struct {
		name  string
		adds  []add
		finds []find
		count int
	}{
		{"empty", nil, []find{{1, 0, false}, {0, 0, false}, {^uint64(0), 0, false}}, 0},
		{"one", []add{{42, 7}}, []find{{42, 7, true}, {43, 0, false}, {0, 0, false}}, 1},
		{"first line kept", []add{{42, 7}, {42, 9}}, []find{{42, 7, true}}, 1},
		{"zero", []add{{0, 3}}, []find{{0, 3, true}, {idSetMin, 0, false}}, 1},
		{"zero first line kept", []add{{0, 3}, {0, 5}, {1, 6}}, []find{{0, 3, true}, {1, 6, true}}, 2},
		{"same first slot", []add{{5, 1}, {5 + idSetMin, 2}, {5 + 2*idSetMin, 3}},
			[]find{{5, 1, true}, {5 + idSetMin, 2, true}, {5 + 2*idSetMin, 3, true}, {5 + 3*idSetMin, 0, false}, {6, 0, false}}, 3},
		{"probe wraps at the end", []add{{idSetMin - 1, 1}, {2*idSetMin - 1, 2}, {0 + idSetMin, 3}},
			[]find{{idSetMin - 1, 1, true}, {2*idSetMin - 1, 2, true}, {idSetMin, 3, true}, {3*idSetMin - 1, 0, false}}, 3},
		{"top bit", []add{{1 << 63, 4}, {^uint64(0), 5}}, []find{{1 << 63, 4, true}, {^uint64(0), 5, true}, {1<<63 | 1, 0, false}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s idSet
			for _, a := range tt.adds {
				s.add(a.h, a.line)
			}
			for _, f := range tt.finds {
				if line, ok := s.find(f.h); line != f.line || ok != f.ok {
					t.Errorf("find(%#x) = %d, %v, want %d, %v", f.h, line, ok, f.line, f.ok)
				}
			}
			if got := s.count(); got != tt.count {
				t.Errorf("count() = %d, want %d", got, tt.count)
			}
		})
	}
}

// TestIDSetGrow fills the set past seven eighths of its first slots, and
// of the slots after several doublings, with hashes that all share their
// low bits (the worst case for linear probing), and checks that every hash
// is still found with its line, and that the slots stay a power of two no
// more than seven eighths full.
func TestIDSetGrow(t *testing.T) {
	for _, stride := range []uint64{1, idSetMin, 1 << 40} {
		var s idSet
		const n = 4*idSetMin + 1
		for i := range uint64(n) {
			s.add((i+1)*stride, int32(i+2))
			if size := len(s.hashes); size&(size-1) != 0 || 8*s.n > 7*size {
				t.Fatalf("stride %#x: %d hashes in %d slots", stride, s.n, size)
			}
		}
		if s.count() != n {
			t.Errorf("stride %#x: count() = %d, want %d", stride, s.count(), n)
		}
		if want := 8 * idSetMin; len(s.hashes) != want {
			t.Errorf("stride %#x: %d slots for %d hashes, want %d", stride, len(s.hashes), n, want)
		}
		for i := range uint64(n) {
			if line, ok := s.find((i + 1) * stride); !ok || line != int32(i+2) {
				t.Fatalf("stride %#x: find(%#x) = %d, %v, want %d, true", stride, (i+1)*stride, line, ok, i+2)
			}
		}
		if _, ok := s.find((n + 1) * stride); ok {
			t.Errorf("stride %#x: found a hash not added", stride)
		}
	}
}

// TestIDSetAgainstMap adds random ids, hashed as the cohort reader hashes
// them, some given more than once and some hashes forced to 0, and checks
// after each that the set answers as a map of the same hashes would, the
// duplicate found at the line of its second showing naming the first.
func TestIDSetAgainstMap(t *testing.T) {
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 12))
		mseed := maphash.MakeSeed()
		var s idSet
		m := map[uint64]int32{}
		var ids []string
		for line := int32(2); line < 20_000; line++ {
			var id string
			switch r := rng.IntN(10); {
			case r < 2 && len(ids) > 0:
				id = ids[rng.IntN(len(ids))] // an id given again
			default:
				id = strconv.FormatUint(rng.Uint64N(1<<uint(8+rng.IntN(40))), 36)
				ids = append(ids, id)
			}
			h := maphash.String(mseed, id)
			if rng.IntN(500) == 0 {
				h = 0
			}
			want, wantOK := m[h]
			got, ok := s.find(h)
			if got != want || ok != wantOK {
				t.Fatalf("seed %d, line %d, id %q: find = %d, %v, the map has %d, %v", seed, line, id, got, ok, want, wantOK)
			}
			if !ok {
				m[h] = line
				s.add(h, line)
			}
			if s.count() != len(m) {
				t.Fatalf("seed %d, line %d: count() = %d, the map holds %d", seed, line, s.count(), len(m))
			}
		}
		for h, want := range m {
			if got, ok := s.find(h); !ok || got != want {
				t.Fatalf("seed %d: find(%#x) = %d, %v, want %d, true", seed, h, got, ok, want)
			}
		}
	}
}

// BenchmarkIDSet adds the hashes of n distinct ids, as the cohort reader
// does, to an idSet and to the map[uint64]int32 it replaced, and reports
// the bytes each holds a row once built (live, after a collection) and
// the time a row.
func BenchmarkIDSet(b *testing.B) {
	seed := maphash.MakeSeed()
	for _, n := range []int{50_000, 500_000} {
		hs := make([]uint64, n)
		for i := range hs {
			hs[i] = maphash.String(seed, "child-"+strconv.Itoa(i))
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
				for i, h := range hs {
					if _, dup := s.find(h); !dup {
						s.add(h, int32(i+2))
					}
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
				m := map[uint64]int32{}
				for i, h := range hs {
					if _, dup := m[h]; !dup {
						m[h] = int32(i + 2)
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
