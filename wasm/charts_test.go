package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// TestChartTextReadableOnAPhone checks that the charts' text, sized in the
// units of the viewBox, is about 12 CSS pixels on a phone 375 pixels wide,
// where a chart is the page's width less its margins, and that the
// stylesheet gives no screen larger text than the charts are laid out for.
func TestChartTextReadableOnAPhone(t *testing.T) {
	const phoneChartWidth = 375 - 2*16 // .width's padding
	if px := chartFont * phoneChartWidth / float64(chartW); px < 11.5 {
		t.Errorf("chart text is %.1f CSS px at 375 px wide, want about 12", px)
	}
	css, err := os.ReadFile("../site/style.css")
	if err != nil {
		t.Fatal(err)
	}
	sizes := regexp.MustCompile(`\.chart text \{ font-size: (\d+(?:\.\d+)?)px; \}`).FindAllStringSubmatch(string(css), -1)
	if len(sizes) == 0 || sizes[0][1] != strconv.Itoa(chartFont) {
		t.Fatalf("site/style.css: the first .chart text size is %v, want %dpx, chartFont", sizes, chartFont)
	}
	for _, s := range sizes[1:] {
		if v, _ := strconv.ParseFloat(s[1], 64); v > chartFont {
			t.Errorf("site/style.css gives chart text of %spx, larger than the %d the charts are laid out for", s[1], chartFont)
		}
	}
	if strings.Contains(string(css), ".chart .tick { fill: var(--muted); font-size") {
		t.Error("a chart's ticks have a size of their own, not the one the charts are laid out for")
	}
}

var (
	polylineRe = regexp.MustCompile(`<polyline class="line" points="([^"]*)"/>`)
	textRe     = regexp.MustCompile(`<text class="(label|tick)" x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)">([^<]*)</text>`)
)

// TestTimelineLabelsClear draws transitions of every shape and checks that no
// amount overlaps the line or another label, that no date under the axis
// overlaps another, and that every label is within the chart.
func TestTimelineLabelsClear(t *testing.T) {
	tests := []struct {
		name, policy string
		set          func(*engine.Fields)
	}{
		// The review's case: £20,000 to £4,000 after three months' notice.
		{"Rotherham notice", "rotherham-2017", func(f *engine.Fields) { f.Allocation, f.Age, f.CurrentCost = "4000", "12", "20000" }},
		{"Rotherham at once", "rotherham-2017", func(f *engine.Fields) { f.Allocation, f.Age, f.CurrentCost = "25000", "12", "20000" }},
		{"Trafford group 3 (Example 3)", "trafford-2013", func(f *engine.Fields) {
			f.Score, f.DateOfBirth, f.AssessedOn, f.CurrentCost = "261", "2000-08-20", "2013-04-01", "15000"
		}},
		{"Trafford group 4", "trafford-2013", func(f *engine.Fields) { f.Score, f.Age, f.CurrentCost = "140", "15", "15000" }},
		{"Trafford group 4, a small fall", "trafford-2013", func(f *engine.Fields) { f.Score, f.Age, f.CurrentCost = "261", "15", "18000" }},
		{"Trafford group 2", "trafford-2013", func(f *engine.Fields) { f.Score, f.Age, f.CurrentCost = "261", "12", "14000" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := work(formOf(tc.policy, tc.set))
			if o.result == nil || o.result.Transition == nil {
				t.Fatalf("no transition: %v", o.errors)
			}
			svg := timelineSVG(o.result.Transition)
			var lines []box
			m := polylineRe.FindStringSubmatch(svg)
			if m == nil {
				t.Fatal("no line")
			}
			var pts [][2]float64
			for _, p := range strings.Fields(m[1]) {
				xs, ys, _ := strings.Cut(p, ",")
				x, _ := strconv.ParseFloat(xs, 64)
				y, _ := strconv.ParseFloat(ys, 64)
				pts = append(pts, [2]float64{x, y})
			}
			for i := 1; i < len(pts); i++ {
				a, b := pts[i-1], pts[i]
				lines = append(lines, box{min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])})
			}
			var labels, ticks []box
			for _, m := range textRe.FindAllStringSubmatch(svg, -1) {
				x, _ := strconv.ParseFloat(m[2], 64)
				y, _ := strconv.ParseFloat(m[3], 64)
				b := textBox(m[5], m[1] == "label", x, y, m[4])
				if b.x0 < 0 || b.y0 < 0 || b.x1 > chartW || b.y1 > chartH {
					t.Errorf("%q is outside the chart: %+v", m[5], b)
				}
				if m[1] == "tick" {
					if !fits(b, ticks) {
						t.Errorf("the axis label %q overlaps another", m[5])
					}
					ticks = append(ticks, b)
					continue
				}
				if !fits(b, lines) {
					t.Errorf("the amount %q overlaps the line", m[5])
				}
				if !fits(b, labels) {
					t.Errorf("the amount %q overlaps another amount", m[5])
				}
				labels = append(labels, b)
			}
			if len(labels) != len(o.result.Transition.Schedule) {
				t.Errorf("%d amounts drawn, want one for each of the %d entries", len(labels), len(o.result.Transition.Schedule))
			}
		})
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		largest float64
		money   bool
		want    string
	}{
		{8320, true, "£0 £2,500 £5,000 £7,500 £10,000"},
		{20000, true, "£0 £5,000 £10,000 £15,000 £20,000"},
		{0, true, "£0 £1"},
		{42, false, "0 20 40 60"},
		{3, false, "0 1 2 3"},
	}
	for _, tc := range tests {
		sc := newScale(tc.largest, tc.money)
		if got := strings.Join(sc.labels, " "); got != tc.want {
			t.Errorf("newScale(%v) = %s, want %s", tc.largest, got, tc.want)
		}
		if sc.top < tc.largest*1.1 {
			t.Errorf("newScale(%v): top %v leaves no room above the largest value", tc.largest, sc.top)
		}
	}
}

// TestBudgetCurve checks the corners of Trafford's budget-by-score line for
// ages 10 to 13, worked from the rates table (Trafford report, Appendix 1):
// nothing below 100; a fixed £1,000 from 100 to 149; then £0.30, £0.75 and
// £1.00 a point a week, times 52 weeks, from 150, 200 and 260; drawn to the
// last step, 260, plus 60.
func TestBudgetCurve(t *testing.T) {
	p := shipped.policy("trafford-2013")
	got := budgetCurve(p, 10, 320)
	want := []curvePoint{
		{0, 0}, {99, 0},
		{100, 0}, {100, 1000}, {149, 1000},
		{150, 1000}, {150, 2340}, {199, 3104.4}, // 150 × 0.30 × 52; 199 × 0.30 × 52
		{200, 3104.4}, {200, 7800}, {259, 10101}, // 200 × 0.75 × 52; 259 × 0.75 × 52
		{260, 10101}, {260, 13520}, {320, 16640}, // 260 × 1.00 × 52; 320 × 1.00 × 52
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("budgetCurve:\n got %v\nwant %v", got, want)
	}
}

var (
	zoneRe = regexp.MustCompile(`<rect class="zone" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"`)
	stepRe = regexp.MustCompile(`<line class="step" x1="([\d.]+)"`)
)

// TestBudgetChartShadesTheEnginesZones checks that the chart shades the
// scores the engine sends to moderation: within 10 points of 260 is 250–270
// where the points 10 away count (Trafford 2013's Decision), and 251–269
// where they do not (a scenario's inclusive: false).
func TestBudgetChartShadesTheEnginesZones(t *testing.T) {
	base := shipped.policy("trafford-2013")
	for _, tc := range []struct {
		inclusive bool
		lo, hi    int
	}{{true, 250, 270}, {false, 251, 269}} {
		p := *base
		m := *base.Moderation
		m.Inclusive = tc.inclusive
		p.Moderation = &m
		svg := budgetSVG(&p, 2)
		// The step lines give the chart's scale: the steps at 100 and 260.
		steps := stepRe.FindAllStringSubmatch(svg, -1)
		zones := zoneRe.FindAllStringSubmatch(svg, -1)
		if len(steps) != len(m.Steps) || len(zones) != len(m.Steps) || m.Steps[0] != 100 || m.Steps[3] != 260 {
			t.Fatalf("%d step lines and %d zones for the steps %v", len(steps), len(zones), m.Steps)
		}
		x100, x260 := atof(t, steps[0][1]), atof(t, steps[3][1])
		score := func(x float64) float64 { return 100 + (x-x100)*160/(x260-x100) }
		x, w := atof(t, zones[3][1]), atof(t, zones[3][2])
		lo, hi := score(x), score(x+w)
		if lo < float64(tc.lo)-0.2 || lo > float64(tc.lo)+0.2 || hi < float64(tc.hi)-0.2 || hi > float64(tc.hi)+0.2 {
			t.Errorf("inclusive %v: the zone around 260 is shaded from %.1f to %.1f, want %d to %d", tc.inclusive, lo, hi, tc.lo, tc.hi)
		}
		// The engine flags the ends of the shaded zone, and not a point outside.
		for score, want := range map[int]bool{tc.lo - 1: false, tc.lo: true, tc.hi: true, tc.hi + 1: false} {
			c, err := engine.Fields{Score: itoa(score), Age: "12"}.Case()
			if err != nil {
				t.Fatal(err)
			}
			r, err := engine.Evaluate(&p, c)
			if err != nil {
				t.Fatal(err)
			}
			if r.Moderation.Flagged != want {
				t.Errorf("inclusive %v: score %d flagged %v, want %v", tc.inclusive, score, r.Moderation.Flagged, want)
			}
		}
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
