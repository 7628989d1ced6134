package engine_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/openras/openras/engine"
)

// pounds is a decimal written as text, like "848.33".
func pounds(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestParseAmountAccepts(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"15000", "15000"},
		{"15000.00", "15000"},
		{"15,000.00", "15000"},
		{"£15,000.00", "15000"},
		{"£15000", "15000"},
		{" 15000 ", "15000"},
		{"0", "0"},
		{"0.00", "0"},
		{"0.5", "0.5"},
		{"0.01", "0.01"},
		{"999.99", "999.99"},
		{"1,234,567.89", "1234567.89"},
		{"11912", "11912"}, // Trafford 2013, Appendix 1, Example 2: base cost
		{"9,367", "9367"},  // Example 2: allocation
		{"999999999999", "999999999999"},
		{"999,999,999,999.99", "999999999999.99"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := engine.ParseAmount(tt.in)
			if err != nil {
				t.Fatalf("ParseAmount(%q): %v", tt.in, err)
			}
			if !got.Equal(pounds(tt.want)) {
				t.Errorf("ParseAmount(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAmountRejects(t *testing.T) {
	tests := []struct {
		name, in string
		msg      string // the kind of mistake, as the message says it
	}{
		{"negative", "-1", "is negative"},
		{"negative pounds", "£-15.00", "is negative"},
		{"three decimal places", "1.234", "has more than 2 decimal places"},
		{"three decimal places after grouping", "15,000.005", "has more than 2 decimal places"},
		{"commas in the wrong places", "1,5,0", "is not an amount"},
		{"a decimal comma", "12,34", "is not an amount"},
		{"a group of four", "15,0000", "is not an amount"},
		{"a leading comma", ",150", "is not an amount"},
		{"a trailing comma", "150,", "is not an amount"},
		{"letters", "abc", "is not an amount"},
		{"empty", "", "is not an amount"},
		{"only spaces", "   ", "is not an amount"},
		{"only a pound sign", "£", "is not an amount"},
		{"an exponent", "1e3", "is not an amount"},
		{"no whole pounds", ".5", "is not an amount"},
		{"a point and no pence", "5.", "is not an amount"},
		{"two points", "1.2.3", "is not an amount"},
		{"a plus sign", "+5", "is not an amount"},
		{"a space inside", "15 000", "is not an amount"},
		{"a dollar sign", "$15", "is not an amount"},
		{"infinity", "Inf", "is not an amount"},
		{"not a number", "NaN", "is not an amount"},
		{"hexadecimal", "0x10", "is not an amount"},
		{"a trillion pounds", "1000000000000", "is too large"},
		{"a grouped trillion pounds", "1,000,000,000,000.00", "is too large"},
		{"a hundred digits", strings.Repeat("9", 100), "is too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := engine.ParseAmount(tt.in)
			if err == nil {
				t.Fatalf("ParseAmount(%q) = %s, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("ParseAmount(%q) error = %q, want it to say %q", tt.in, err, tt.msg)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"0", "£0.00"},
		{"0.5", "£0.50"},
		{"0.01", "£0.01"},
		{"999.99", "£999.99"},
		{"1000", "£1,000.00"},
		{"13572", "£13,572.00"},      // Trafford 2013, Appendix 1, Example 3
		{"17643.6", "£17,643.60"},    // Example 3, after turning 14
		{"11063.67", "£11,063.67"},   // Example 2, 1 October 2013
		{"100000", "£100,000.00"},    // six digits: one comma
		{"450000.00", "£450,000.00"}, // Rotherham 2017, §7.2
		{"1234567.89", "£1,234,567.89"},
		{"-1234.5", "-£1,234.50"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := engine.FormatMoney(pounds(tt.in)); got != tt.want {
				t.Errorf("FormatMoney(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var roundingModes = []engine.RoundingMode{engine.HalfAwayFromZero, engine.HalfEven, engine.Down, engine.Up}

// perMode is an expected result for each rounding mode, in the order of roundingModes.
type perMode [4]string

func TestRound(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		want   perMode // half away from zero, half even, down (toward zero), up (away from zero)
	}{
		{"0.005", 2, perMode{"0.01", "0.00", "0.00", "0.01"}},      // a tie; 0 is even
		{"0.015", 2, perMode{"0.02", "0.02", "0.01", "0.02"}},      // a tie; 1 is odd, so half even goes to 2
		{"0.025", 2, perMode{"0.03", "0.02", "0.02", "0.03"}},      // a tie; 2 is even
		{"-0.005", 2, perMode{"-0.01", "0.00", "0.00", "-0.01"}},   // a tie below zero
		{"-0.025", 2, perMode{"-0.03", "-0.02", "-0.02", "-0.03"}}, // a tie below zero; 2 is even
		{"0.0251", 2, perMode{"0.03", "0.03", "0.02", "0.03"}},     // past the tie
		{"0.0249", 2, perMode{"0.02", "0.02", "0.02", "0.03"}},     // short of the tie
		{"1.239", 2, perMode{"1.24", "1.24", "1.23", "1.24"}},
		{"-1.231", 2, perMode{"-1.23", "-1.23", "-1.23", "-1.24"}},
		{"13572", 2, perMode{"13572", "13572", "13572", "13572"}},                // already whole pounds
		{"17643.60", 2, perMode{"17643.60", "17643.60", "17643.60", "17643.60"}}, // already to the penny
		{"2.5", 0, perMode{"3", "2", "2", "3"}},
		{"3.5", 0, perMode{"4", "4", "3", "4"}},
		{"-2.5", 0, perMode{"-3", "-2", "-2", "-3"}},
	}
	for _, tt := range tests {
		for i, mode := range roundingModes {
			t.Run(string(mode)+"/"+tt.in, func(t *testing.T) {
				r := engine.Rounding{Places: tt.places, Mode: mode}
				if got := r.Round(pounds(tt.in)); !got.Equal(pounds(tt.want[i])) {
					t.Errorf("Rounding{%d, %s}.Round(%s) = %s, want %s", tt.places, mode, tt.in, got, tt.want[i])
				}
			})
		}
	}
}

func TestMulFrac(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		num, den int64
		want     perMode // half away from zero, half even, down (toward zero), up (away from zero)
	}{
		// Trafford 2013, Appendix 1, Example 2: base £11,912, allocation £9,367, a
		// difference of £2,545; ⅓ of it is 848.333…, "a reduction of £848.33p".
		{"Example 2: 2545 × 1/3", "2545", 1, 3, perMode{"848.33", "848.33", "848.33", "848.34"}},
		// Example 3: base £15,000, allocation £13,572, a difference of £1,428;
		// ½ of it is exactly 714, "a reduction of £714".
		{"Example 3: 1428 × 1/2", "1428", 1, 2, perMode{"714.00", "714.00", "714.00", "714.00"}},
		// 200/3 = 66.666…: the third decimal is 6.
		{"100 × 2/3", "100", 2, 3, perMode{"66.67", "66.67", "66.66", "66.67"}},
		// 1500/3 = 500 exactly.
		{"1500 × 1/3", "1500", 1, 3, perMode{"500", "500", "500", "500"}},
		// 1/6 = 0.1666…
		{"1 × 1/6", "1", 1, 6, perMode{"0.17", "0.17", "0.16", "0.17"}},
		// Ties: half a penny, one and a half pence, two and a half pence.
		{"0.01 × 1/2 = 0.005", "0.01", 1, 2, perMode{"0.01", "0.00", "0.00", "0.01"}},
		{"0.03 × 1/2 = 0.015", "0.03", 1, 2, perMode{"0.02", "0.02", "0.01", "0.02"}},
		{"0.05 × 1/2 = 0.025", "0.05", 1, 2, perMode{"0.03", "0.02", "0.02", "0.03"}},
		// Below zero: a decrease that is an increase.
		{"-2545 × 1/3", "-2545", 1, 3, perMode{"-848.33", "-848.33", "-848.33", "-848.34"}},
		{"-0.01 × 1/2 = -0.005", "-0.01", 1, 2, perMode{"-0.01", "0.00", "0.00", "-0.01"}},
		{"-0.03 × 1/2 = -0.015", "-0.03", 1, 2, perMode{"-0.02", "-0.02", "-0.01", "-0.02"}},
		// The weekly equivalent: £10,413 ÷ 52 = 200.25 exactly (52 × 200 = 10,400; 13/52 = 0.25).
		{"Example 1 weekly: 10413 × 1/52", "10413", 1, 52, perMode{"200.25", "200.25", "200.25", "200.25"}},
		// £13,572 ÷ 52 = 261 exactly (52 × 261 = 13,572).
		{"Example 3 weekly: 13572 × 1/52", "13572", 1, 52, perMode{"261", "261", "261", "261"}},
		// £1,000 ÷ 52 = 19.2307…
		{"1000 × 1/52", "1000", 1, 52, perMode{"19.23", "19.23", "19.23", "19.24"}},
	}
	for _, tt := range tests {
		for i, mode := range roundingModes {
			t.Run(string(mode)+"/"+tt.name, func(t *testing.T) {
				r := engine.Rounding{Places: 2, Mode: mode}
				if got := r.MulFrac(pounds(tt.in), tt.num, tt.den); !got.Equal(pounds(tt.want[i])) {
					t.Errorf("%s: MulFrac(%s, %d, %d) = %s, want %s", mode, tt.in, tt.num, tt.den, got, tt.want[i])
				}
			})
		}
	}
}

func TestDiv(t *testing.T) {
	tests := []struct {
		name   string
		x, y   string
		places int32
		want   perMode // half away from zero, half even, down (toward zero), up (away from zero)
	}{
		// Trafford 2013, §6.6 and the contingency Decision: base cost = amount ÷ 1.035.
		// 1.035 × 14,492.75 = 14,492.75 + 507.24625 = 14,999.99625, leaving 0.00375,
		// and 0.00375 ÷ 1.035 = 0.0036…, so 15000 ÷ 1.035 = 14,492.7536…
		{"15000 ÷ 1.035", "15000", "1.035", 2, perMode{"14492.75", "14492.75", "14492.75", "14492.76"}},
		// 1.035 × 10,000 = 10,350 exactly.
		{"10350 ÷ 1.035", "10350", "1.035", 2, perMode{"10000", "10000", "10000", "10000"}},
		{"10 ÷ 4", "10", "4", 2, perMode{"2.50", "2.50", "2.50", "2.50"}},
		{"1 ÷ 3", "1", "3", 2, perMode{"0.33", "0.33", "0.33", "0.34"}},
		{"2 ÷ 3", "2", "3", 2, perMode{"0.67", "0.67", "0.66", "0.67"}},
		{"1 ÷ -3", "1", "-3", 2, perMode{"-0.33", "-0.33", "-0.33", "-0.34"}},
		{"-1 ÷ -3", "-1", "-3", 2, perMode{"0.33", "0.33", "0.33", "0.34"}},
		{"0.01 ÷ -2 = -0.005", "0.01", "-2", 2, perMode{"-0.01", "0.00", "0.00", "-0.01"}},
		{"0 ÷ 7", "0", "7", 2, perMode{"0", "0", "0", "0"}},
		{"5 ÷ 2 to whole pounds", "5", "2", 0, perMode{"3", "2", "2", "3"}},
		{"7 ÷ 2 to whole pounds", "7", "2", 0, perMode{"4", "4", "3", "4"}},
		// Exactly, not to a division precision: 200.00000000000000000001 is a hair
		// over 200, so 1 ÷ it is a hair under 0.005 (0.004999…9999975…) and is not
		// a tie. A quotient cut at 16 digits, 0.0050000000000000, would round up.
		{"1 ÷ (200 + 1e-20)", "1", "200.00000000000000000001", 2, perMode{"0.00", "0.00", "0.00", "0.01"}},
		// And 1 ÷ (200 − 1e-20) is a hair over 0.005.
		{"1 ÷ (200 − 1e-20)", "1", "199.99999999999999999999", 2, perMode{"0.01", "0.01", "0.00", "0.01"}},
	}
	for _, tt := range tests {
		for i, mode := range roundingModes {
			t.Run(string(mode)+"/"+tt.name, func(t *testing.T) {
				r := engine.Rounding{Places: tt.places, Mode: mode}
				if got := r.Div(pounds(tt.x), pounds(tt.y)); !got.Equal(pounds(tt.want[i])) {
					t.Errorf("%s: Div(%s, %s) to %d places = %s, want %s", mode, tt.x, tt.y, tt.places, got, tt.want[i])
				}
			})
		}
	}
}

// ratRound rounds the exact fraction x to places by mode, with math/big alone:
// an oracle for Div that shares no code with it.
func ratRound(x *big.Rat, places int32, mode engine.RoundingMode) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	scaled := new(big.Rat).Mul(x, new(big.Rat).SetInt(scale))
	neg := scaled.Sign() < 0
	abs := new(big.Rat).Abs(scaled)
	q, r := new(big.Int).QuoRem(abs.Num(), abs.Denom(), new(big.Int)) // abs = q + r/den
	twice := new(big.Int).Mul(r, big.NewInt(2))
	c := twice.Cmp(abs.Denom()) // how the remainder compares with one half
	up := false
	switch mode {
	case engine.HalfAwayFromZero:
		up = c >= 0
	case engine.HalfEven:
		up = c > 0 || (c == 0 && q.Bit(0) == 1)
	case engine.Down:
		up = false
	case engine.Up:
		up = r.Sign() != 0
	}
	if up {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, scale)
}

func TestDivAgainstExactFractions(t *testing.T) {
	// Every amount from -£3.00 to £3.00 by the penny, divided by small whole
	// numbers and by 1.035, in every mode, against an exact-fraction oracle.
	divisors := []string{"1", "2", "3", "4", "6", "7", "8", "12", "52", "1.035", "-3", "-1.035"}
	for _, mode := range roundingModes {
		for _, ys := range divisors {
			y := pounds(ys)
			yr, _ := new(big.Rat).SetString(ys)
			for pence := int64(-300); pence <= 300; pence++ {
				x := decimal.New(pence, -2)
				xr := big.NewRat(pence, 100)
				want := ratRound(new(big.Rat).Quo(xr, yr), 2, mode)
				got := engine.Rounding{Places: 2, Mode: mode}.Div(x, y)
				gotr, _ := new(big.Rat).SetString(got.String())
				if gotr.Cmp(want) != 0 {
					t.Errorf("%s: Div(%s, %s) = %s, want %s", mode, x, ys, got, want.FloatString(2))
				}
			}
		}
	}
}

func TestRoundingFromPolicy(t *testing.T) {
	// The shipped Trafford policy rounds to the penny, half away from zero
	// ("£11,063.67p" in Appendix 1, Example 2).
	p := loadShipped(t, "trafford-2013")
	if p.Rounding.Places != 2 || p.Rounding.Mode != engine.HalfAwayFromZero {
		t.Fatalf("trafford-2013 rounding = %+v, want 2 places, half away from zero", p.Rounding)
	}
	// Example 2: 11,912 − 2,545 × ⅓ rounded = 11,912 − 848.33 = 11,063.67.
	step := p.Rounding.MulFrac(pounds("2545"), 1, 3)
	if got := pounds("11912").Sub(step); !got.Equal(pounds("11063.67")) {
		t.Errorf("11912 − ⅓ × 2545 = %s, want 11063.67", got)
	}
	// and again: 11,063.67 − 848.33 = 10,215.34.
	if got := pounds("11063.67").Sub(step); !got.Equal(pounds("10215.34")) {
		t.Errorf("11063.67 − ⅓ × 2545 = %s, want 10215.34", got)
	}
}

// rat is the exact fraction a decimal stands for.
func rat(t *testing.T, x decimal.Decimal) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(x.String())
	if !ok {
		t.Fatalf("%s is not a fraction", x)
	}
	return r
}

// oracleAmounts are amounts that take each way through MulFrac and Mul: small
// ones to the penny, ones with more places than a penny, and ones too large
// for whole-penny arithmetic in an int64 (10^13 pounds is 10^15 pence).
func oracleAmounts() []decimal.Decimal {
	var xs []decimal.Decimal
	for pence := int64(-300); pence <= 300; pence++ {
		xs = append(xs, decimal.New(pence, -2))
	}
	for _, s := range []string{
		"0.005", "0.015", "-0.025", "1.2345", "0.0001", "848.333", "0.3333",
		"9999999999999.99", "10000000000000.01", "-12345678901234.56", "99999999999999999.99",
		"2545", "1428", "11912", "15000", "10413",
	} {
		xs = append(xs, pounds(s))
	}
	return xs
}

func TestMulFracAgainstExactFractions(t *testing.T) {
	fracs := [][2]int64{{1, 2}, {1, 3}, {2, 3}, {1, 6}, {5, 7}, {1, 52}, {-1, 3}, {999, 1000}, {1, 1001}, {1001, 3}}
	for _, mode := range roundingModes {
		for _, places := range []int32{0, 2} {
			r := engine.Rounding{Places: places, Mode: mode}
			for _, x := range oracleAmounts() {
				for _, f := range fracs {
					exact := new(big.Rat).Mul(rat(t, x), big.NewRat(f[0], f[1]))
					want := ratRound(exact, places, mode)
					got := r.MulFrac(x, f[0], f[1])
					if rat(t, got).Cmp(want) != 0 {
						t.Errorf("%s to %d places: MulFrac(%s, %d, %d) = %s, want %s", mode, places, x, f[0], f[1], got, want.FloatString(int(places)))
					}
				}
			}
		}
	}
}

func TestMulAgainstExactFractions(t *testing.T) {
	// A rate per point per week times the weeks, times a score: Trafford's
	// 0.75 × 52 = 39 a point a year, times 267 points, is £10,413.00 (Example 1).
	r := engine.Rounding{Places: 2, Mode: engine.HalfAwayFromZero}
	if got := r.Mul(pounds("39"), 267); !got.Equal(pounds("10413")) {
		t.Errorf("Mul(39, 267) = %s, want 10413 (Example 1)", got)
	}
	// 1.30 × 52 = 67.60 a point a year, times 261 points, is £17,643.60 (Example 3).
	if got := r.Mul(pounds("67.60"), 261); !got.Equal(pounds("17643.60")) {
		t.Errorf("Mul(67.60, 261) = %s, want 17643.60 (Example 3)", got)
	}
	ns := []int64{0, 1, 2, 3, 7, 52, 99, 261, 1000, 1001, -3, 100000}
	for _, mode := range roundingModes {
		for _, places := range []int32{0, 2} {
			r := engine.Rounding{Places: places, Mode: mode}
			for _, x := range oracleAmounts() {
				for _, n := range ns {
					exact := new(big.Rat).Mul(rat(t, x), big.NewRat(n, 1))
					want := ratRound(exact, places, mode)
					got := r.Mul(x, n)
					if rat(t, got).Cmp(want) != 0 {
						t.Errorf("%s to %d places: Mul(%s, %d) = %s, want %s", mode, places, x, n, got, want.FloatString(int(places)))
					}
				}
			}
		}
	}
}
