package engine

import "testing"

func TestModerationZone(t *testing.T) {
	tests := []struct {
		name           string
		m              Moderation
		step           int
		wantLo, wantHi int
	}{
		// Within 10 points of 260, the end points not included (a
		// scenario with inclusive: false): 251 to 269.
		{"exclusive", Moderation{Steps: []int{260}, Window: 10}, 260, 251, 269},
		// Scores 10 points away included, as Trafford 2013's Decision
		// reads "within 10 points" (inclusive-moderation-window): 250 to 270.
		{"inclusive", Moderation{Steps: []int{260}, Window: 10, Inclusive: true}, 260, 250, 270},
		// No score is below 0.
		{"near zero", Moderation{Steps: []int{5}, Window: 10, Inclusive: true}, 5, 0, 15},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := tc.m.Zone(tc.step)
			if lo != tc.wantLo || hi != tc.wantHi {
				t.Errorf("Zone(%d) = %d–%d, want %d–%d", tc.step, lo, hi, tc.wantLo, tc.wantHi)
			}
		})
	}
}

// TestZoneIsWhatModerationFlags checks that a score is flagged by a step's
// zone exactly when it lies in Zone, so the page's zones and the engine's
// flags cannot drift apart.
func TestZoneIsWhatModerationFlags(t *testing.T) {
	for _, inclusive := range []bool{false, true} {
		m := &Moderation{Steps: []int{150, 200, 260}, Window: 10, Inclusive: inclusive}
		p := &Policy{Moderation: m}
		for score := 0; score <= 300; score++ {
			o := p.moderate(score)
			in := false
			for _, step := range m.Steps {
				if lo, hi := m.Zone(step); score >= lo && score <= hi {
					in = true
				}
			}
			if o.Flagged != in {
				t.Errorf("inclusive %v, score %d: flagged %v, in a zone %v", inclusive, score, o.Flagged, in)
			}
			if o.Flagged {
				if lo, hi := m.Zone(o.Step); o.ZoneFrom != lo || o.ZoneTo != hi {
					t.Errorf("inclusive %v, score %d: the engine's zone %d–%d, Zone's %d–%d", inclusive, score, o.ZoneFrom, o.ZoneTo, lo, hi)
				}
			}
		}
	}
}
