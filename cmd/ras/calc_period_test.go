package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// calcSchedule runs ras calc --json and returns the schedule as
// "FROM AMOUNT REASON" lines, and the explanation's texts.
func calcSchedule(t *testing.T, args ...string) (sched []string, explanation []string) {
	t.Helper()
	out, errOut, code := ras(t, "", append([]string{"calc", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Transition struct {
			Schedule []struct{ From, Amount, Reason string } `json:"schedule"`
		} `json:"transition"`
		Explanation []struct{ Text string } `json:"explanation"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, e := range got.Transition.Schedule {
		sched = append(sched, strings.TrimSpace(e.From+" "+e.Amount+" "+e.Reason))
	}
	for _, s := range got.Explanation {
		explanation = append(explanation, s.Text)
	}
	return sched, explanation
}

// TestCalcJSONAfterTheImplementationPeriod is the worked case of docs/rules.md
// ("Plans agreed after the implementation period"): score 212, born 20 August
// 2014, plan 30 November 2026, base £12,000. At 12: 212 × £0.75 × 52 =
// £8,268.00, a decrease of £3,732.00, group 4, a step of £1,244.00. Stages 6
// and 18 months after the plan; the 14th birthday, 20 August 2028, brings
// 212 × £1.00 × 52 = £11,024.00 before the last stage.
func TestCalcJSONAfterTheImplementationPeriod(t *testing.T) {
	sched, explanation := calcSchedule(t, "--policy", "trafford-2013", "--score", "212",
		"--date-of-birth", "2014-08-20", "--assessed-on", "2026-11-30", "--current-cost", "12000")
	want := []string{
		"2026-11-30 12000.00 base cost continues until the first stage",
		"2027-05-30 10756.00 stage 1 of 3",
		"2028-05-30 9512.00 stage 2 of 3",
		"2028-08-20 11024.00 age band 14-plus",
	}
	if !reflect.DeepEqual(sched, want) {
		t.Errorf("schedule\n%v\nwant\n%v", sched, want)
	}
	text := strings.Join(explanation, "\n")
	for _, w := range []string{
		"The report's stage dates have passed; the same timetable is counted from the plan date",
		"From 30 May 2027: £10,756.00",
		"From 30 May 2028: £9,512.00",
		"On 20 August 2028 the child turns 14",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("explanation lacks %q:\n%s", w, text)
		}
	}
	for _, not := range []string{"1 October 2013", "30 May 2029", "stage 3 of 3)"} {
		if strings.Contains(text, not) {
			t.Errorf("explanation names %q, which the schedule does not have:\n%s", not, text)
		}
	}
}

// TestCalcJSONTurns18: the contract's turns 18 entry, amount "0.00" and
// reason "turns 18: leaves children's services", for an immediate group (born 15 March 2009, 17 on
// 30 November 2026, 18 on 15 March 2027) and for Rotherham's notice group
// (born 15 January 2000, 18 on 15 January 2018, before the notice ends on
// 28 February 2018).
func TestCalcJSONTurns18(t *testing.T) {
	sched, _ := calcSchedule(t, "--policy", "trafford-2013", "--allocation", "10000",
		"--date-of-birth", "2009-03-15", "--assessed-on", "2026-11-30", "--current-cost", "9000")
	want := []string{"2026-11-30 10000.00 allocation with immediate effect", "2027-03-15 0.00 turns 18: leaves children's services"}
	if !reflect.DeepEqual(sched, want) {
		t.Errorf("Trafford group 1: schedule %v, want %v", sched, want)
	}
	sched, _ = calcSchedule(t, "--policy", "rotherham-2017", "--allocation", "4000",
		"--date-of-birth", "2000-01-15", "--assessed-on", "2017-11-30", "--current-cost", "6000")
	want = []string{"2017-11-30 6000.00 notice given: the current cost continues", "2018-01-15 0.00 turns 18: leaves children's services"}
	if !reflect.DeepEqual(sched, want) {
		t.Errorf("Rotherham notice: schedule %v, want %v", sched, want)
	}
}
