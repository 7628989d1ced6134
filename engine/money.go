package engine

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an amount in pounds. It is exact: a decimal, never a float.
type Money = decimal.Decimal

var (
	zero  = decimal.Zero
	penny = decimal.New(1, -2)
)

// maxAmountDigits bounds the whole-pound digits of an amount, so that no input
// can make the arithmetic slow: a trillion pounds is more than any budget.
// It is checked where an amount enters (ParseAmount, the policy's decoder,
// and checkCase for a case made in Go), and it is what keeps the sums in
// pence within an int64 (see pennies).
const maxAmountDigits = 12

// tooLargeAmount is the message of an amount of more than maxAmountDigits
// whole pounds.
const tooLargeAmount = "is too large to be an amount in pounds: the most is 999,999,999,999.99"

// maxAmount is the largest amount, 999,999,999,999.99.
var maxAmount = decimal.New(1, maxAmountDigits).Sub(penny)

// ParseAmount reads a sum of money in pounds and pence, like 15000, 15000.00,
// 15,000.00 or £15,000.00. It refuses negative amounts, more than two decimal
// places and anything that is not a number, saying which.
func ParseAmount(s string) (Money, error) {
	return parseDecimal(s, 2, amountLike)
}

// amountLike is the example of an amount ParseAmount's messages give.
const amountLike = "pounds and pence, like 15000.00"

// parsePence is ParseAmount in whole pence, making no decimal: it accepts
// and refuses what ParseAmount does, with the same errors, and the amount
// ParseAmount gives is decimal.New(pence, -2). At most 12 whole digits of
// pounds, the pence are under 10^14.
func parsePence(s string) (int64, error) {
	coef, _, err := parseUnits(s, 2, amountLike)
	return coef, err
}

// parseDecimal reads a non-negative decimal with at most places decimal places.
func parseDecimal(s string, places int, like string) (Money, error) {
	coef, exp, err := parseUnits(s, places, like)
	if err != nil {
		return zero, err
	}
	return decimal.New(coef, -exp), nil
}

// parseUnits reads a non-negative decimal with at most places decimal places
// (at most 4) as a whole number of units of 10^-exp, exp the larger of 2 and
// the places written: 12.5 is 1250 units of 10^-2. With at most 12 whole
// digits, the units fit in an int64.
func parseUnits(s string, places int, like string) (coef int64, exp int32, err error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(t, "£")
	if strings.HasPrefix(t, "-") {
		return 0, 0, &Error{Kind: KindNegative, Msg: "is negative: enter an amount of 0 or more, in " + like}
	}
	whole, frac, hasPoint := strings.Cut(t, ".")
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3 || g[0] == '0')) || (i > 0 && len(g) != 3) {
				return 0, 0, &Error{Kind: KindNotNumber, Msg: "is not an amount: enter " + like}
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" || !allDigits(whole) || (hasPoint && (frac == "" || !allDigits(frac))) {
		return 0, 0, &Error{Kind: KindNotNumber, Msg: "is not an amount: enter " + like}
	}
	if len(strings.TrimLeft(whole, "0")) > maxAmountDigits {
		return 0, 0, &Error{Kind: KindTooLarge, Msg: tooLargeAmount}
	}
	if len(frac) > places {
		return 0, 0, &Error{Kind: KindTooManyPlaces, Msg: fmt.Sprintf("has more than %d decimal places: enter %s", places, like)}
	}
	// At most 12 whole digits and 4 decimal places: the coefficient fits in
	// an int64, so the amount is built without parsing it twice.
	whole = strings.TrimLeft(whole, "0")
	for i := range len(whole) {
		coef = coef*10 + int64(whole[i]-'0')
	}
	for i := range len(frac) {
		coef = coef*10 + int64(frac[i]-'0')
	}
	n := max(2, len(frac))
	for range n - len(frac) {
		coef *= 10
	}
	return coef, int32(n), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// FormatMoney writes an amount as people read it: £13,572.00.
func FormatMoney(m Money) string {
	s := m.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	b.WriteString("£")
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(".")
	b.WriteString(frac)
	return b.String()
}

// RoundingMode is how an amount is brought to a number of decimal places.
type RoundingMode string

// The rounding modes a policy may name.
const (
	HalfAwayFromZero RoundingMode = "half-away-from-zero"
	HalfEven         RoundingMode = "half-even"
	Down             RoundingMode = "down" // toward zero
	Up               RoundingMode = "up"   // away from zero
)

// Rounding is a policy's rule for amounts: the number of decimal places and
// the mode.
type Rounding struct {
	Places int32
	Mode   RoundingMode
	Source string
}

// Round brings d to the policy's places by its mode.
func (r Rounding) Round(d decimal.Decimal) decimal.Decimal {
	switch r.Mode {
	case HalfEven:
		return d.RoundBank(r.Places)
	case Down:
		return d.RoundDown(r.Places)
	case Up:
		return d.RoundUp(r.Places)
	}
	return d.Round(r.Places)
}

// MulFrac returns d × num ÷ den rounded by r, exactly: ⅓ of £2,545.00 is
// £848.33 whatever the precision of a decimal division. den must be positive.
func (r Rounding) MulFrac(d Money, num, den int64) Money {
	if u, ok := units(d, r.Places); ok && abs64(num) <= 1e3 && den <= 1e3 {
		return decimal.New(r.divInt(u*num, den), -r.Places)
	}
	return r.Div(d.Mul(decimal.NewFromInt(num)), decimal.NewFromInt(den))
}

// Mul returns d × n rounded by r, exactly.
func (r Rounding) Mul(d Money, n int64) Money {
	if u, ok := units(d, 4); ok && abs64(n) <= 1e3 {
		return decimal.New(r.divInt(u*n, pow10[4-r.Places]), -r.Places)
	}
	return r.Round(d.Mul(decimal.NewFromInt(n)))
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000}

// units returns d as a whole number of units of 10^-places, where that is
// exact and small enough (under 10^15) for int64 arithmetic on it to be exact
// after multiplying by at most 1000.
func units(d Money, places int32) (int64, bool) {
	if d.NumDigits() > 15 {
		return 0, false
	}
	c := d.CoefficientInt64()
	shift := d.Exponent() + places
	if shift < 0 {
		return 0, false
	}
	for ; shift > 0; shift-- {
		c *= 10
		if c > 1e15 || c < -1e15 {
			return 0, false
		}
	}
	return c, true
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// divInt returns n ÷ d rounded by r's mode. d must be positive.
func (r Rounding) divInt(n, d int64) int64 {
	var q, rem int64
	if n >= 0 {
		// Unsigned, as WebAssembly divides without a call to the runtime
		// (a signed division checks for the one quotient that overflows).
		q, rem = int64(uint64(n)/uint64(d)), int64(uint64(n)%uint64(d))
	} else {
		q, rem = n/d, n%d
	}
	if rem == 0 {
		return q
	}
	away := int64(1)
	if n < 0 {
		away, rem = -1, -rem
	}
	switch r.Mode {
	case Up:
		return q + away
	case Down:
		return q
	case HalfEven:
		if 2*rem > d || (2*rem == d && q%2 != 0) {
			return q + away
		}
		return q
	}
	if 2*rem >= d {
		return q + away
	}
	return q
}

// Div returns x ÷ y rounded by r, exactly: the quotient is never cut short
// before it is rounded, so the rounding is decided by the true remainder.
// y must not be zero.
func (r Rounding) Div(x, y Money) Money {
	// In whole units where both fit: x in pence, y to four places (a divisor
	// like 1.035), so x ÷ y in units of 10^-places is xu × 10^(2+places) ÷ yu.
	if xu, ok := units(x, 2); ok && xu < 9e13 && xu > -9e13 && y.Sign() > 0 {
		if yu, ok := units(y, 4); ok {
			return decimal.New(r.divInt(xu*pow10[2+r.Places], yu), -r.Places)
		}
	}
	// Divide with a remainder so the places we keep are whole units, then
	// round on the remainder alone.
	q, rem := x.QuoRem(y, r.Places)
	if rem.IsZero() {
		return q
	}
	unit := decimal.New(1, -r.Places)
	away := unit
	if x.Sign()*y.Sign() < 0 {
		away = unit.Neg()
	}
	// Compare twice the remainder with one unit of the divisor.
	c := rem.Abs().Shift(r.Places).Mul(decimal.NewFromInt(2)).Cmp(y.Abs())
	switch r.Mode {
	case Up:
		return q.Add(away)
	case Down:
		return q
	case HalfEven:
		odd := !q.Shift(r.Places).Mod(decimal.NewFromInt(2)).IsZero()
		if c > 0 || (c == 0 && odd) {
			return q.Add(away)
		}
		return q
	}
	if c >= 0 {
		return q.Add(away)
	}
	return q
}
