package bot

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// span is a month, quarter or year: what /summary, /export, /commend and
// /leaderboard are asked about.
type span struct {
	kind  storage.PeriodKind
	key   string // as the counters name it: M2026-11, Q2026-4, Y2026
	start time.Time
	end   time.Time // exclusive
}

// The one grammar of periods. It reads back everything the bot writes
// (periodName: "tháng 11/2026", "quý 4/2026", "năm 2026", and the English
// "month 11/2026", "quarter 4/2026", "year 2026") and what people type:
// "11/2026", "11-2026", "T11/2026", "Q4/2026", "Q4 2026", "quý IV/2026",
// "tháng 11 năm 2026", "2026"; a month or quarter without its year is this
// year's ("tháng 11", "quý 4"); "tháng này", "tháng trước", "quý trước",
// "năm nay", "năm ngoái" count from now; all with or without diacritics or
// spaces. A bare word ("tháng", "quý", "năm") is the one around now.
var (
	periodWord = map[string]storage.PeriodKind{
		"thang": storage.Month, "month": storage.Month, "t": storage.Month,
		"quy": storage.Quarter, "quarter": storage.Quarter, "q": storage.Quarter,
		"nam": storage.Year, "year": storage.Year,
	}
	// periodRelative maps "tháng trước" and its kind to the kind and how
	// many periods back.
	periodRelative = map[string]struct {
		kind storage.PeriodKind
		back int
	}{
		"thang nay": {storage.Month, 0}, "thang truoc": {storage.Month, 1}, "this month": {storage.Month, 0}, "last month": {storage.Month, 1},
		"quy nay": {storage.Quarter, 0}, "quy truoc": {storage.Quarter, 1}, "this quarter": {storage.Quarter, 0}, "last quarter": {storage.Quarter, 1},
		"nam nay": {storage.Year, 0}, "nam ngoai": {storage.Year, 1}, "nam truoc": {storage.Year, 1}, "this year": {storage.Year, 0}, "last year": {storage.Year, 1},
	}
	periodForm   = regexp.MustCompile(`^([a-z]*)\s*(\d{1,2}|i{1,3}|iv)?\s*(?:/?\s*(\d{1,4}))?$`)
	periodYear   = regexp.MustCompile(`^([a-z]*)\s*()(\d{4})$`)        // "2026", "năm 2026"
	periodOfYear = regexp.MustCompile(`\s+(?:nam|year|of)\s+(\d{4})$`) // "tháng 11 năm 2026"
	periodDash   = regexp.MustCompile(`(\d)\s*-\s*(\d)`)               // "11-2026"
	romans       = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4}
)

// parsePeriod reads a period; empty means the def kind around now.
func parsePeriod(arg string, now time.Time, loc *time.Location, def storage.PeriodKind) (span, error) {
	bad := storage.Errorf(storage.EInvalid, reasonPeriodUnknown, arg)
	s := foldPeriod(arg)
	now = now.In(loc)
	if rel, ok := periodRelative[s]; ok {
		at := time.Date(now.Year(), now.Month(), 1, 12, 0, 0, 0, loc)
		switch rel.kind {
		case storage.Month:
			at = at.AddDate(0, -rel.back, 0)
		case storage.Quarter:
			at = at.AddDate(0, -3*rel.back, 0)
		default:
			at = at.AddDate(-rel.back, 0, 0)
		}
		return parsePeriod("", at, loc, rel.kind)
	}
	s = periodOfYear.ReplaceAllString(s, "/$1")
	s = periodDash.ReplaceAllString(s, "$1/$2")
	m := periodYear.FindStringSubmatch(s)
	if m == nil {
		m = periodForm.FindStringSubmatch(s)
	}
	if m == nil {
		return span{}, bad
	}
	word, part, yearText := m[1], m[2], m[3]
	kind, known := periodWord[word]
	// "tháng 11", "quý 4": the number is the part, and the year is this one.
	if known && kind != storage.Year && part == "" && len(yearText) > 0 && len(yearText) <= 2 {
		part, yearText = yearText, ""
	}
	switch {
	case word != "" && !known:
		return span{}, bad
	case word == "" && part == "" && yearText == "":
		kind = def
	case word == "" && part != "":
		kind = storage.Month
	case word == "" && part == "":
		kind = storage.Year
	}
	// A part belongs to months and quarters; a year alone has none.
	if kind == storage.Year && part != "" || (kind != storage.Year && part == "" && yearText != "") {
		return span{}, bad
	}
	// A bare number is no period ("11" could be a month or a day).
	if word == "" && yearText == "" && part != "" {
		return span{}, bad
	}
	year := now.Year()
	if yearText != "" {
		if len(yearText) != 4 {
			return span{}, bad
		}
		year, _ = strconv.Atoi(yearText)
	}
	if year < 2000 || year > 2100 {
		return span{}, bad
	}
	n, roman := romans[part]
	if !roman && part != "" {
		n, _ = strconv.Atoi(part)
	}
	if roman && kind != storage.Quarter {
		return span{}, bad
	}
	var out span
	out.kind = kind
	switch kind {
	case storage.Month:
		if part == "" {
			n = int(now.Month())
		}
		if n < 1 || n > 12 {
			return span{}, bad
		}
		out.start = time.Date(year, time.Month(n), 1, 0, 0, 0, 0, loc)
		out.end = out.start.AddDate(0, 1, 0)
	case storage.Quarter:
		if part == "" {
			n = (int(now.Month())-1)/3 + 1
		}
		if n < 1 || n > 4 {
			return span{}, bad
		}
		out.start = time.Date(year, time.Month((n-1)*3+1), 1, 0, 0, 0, 0, loc)
		out.end = out.start.AddDate(0, 3, 0)
	default:
		out.start = time.Date(year, 1, 1, 0, 0, 0, 0, loc)
		out.end = out.start.AddDate(1, 0, 0)
	}
	out.key = storage.PeriodOf(out.kind, out.start, loc)
	return out, nil
}

// foldPeriod lower-cases a period, drops Vietnamese diacritics and spaces
// it out evenly for the patterns.
func foldPeriod(s string) string {
	return strings.Join(strings.Fields(storage.Fold(s)), " ")
}

// parseSpan reads a period for /summary and /export: empty is this quarter.
func (o *office) parseSpan(arg string) (span, error) {
	return parsePeriod(arg, o.Now(), o.loc, storage.Quarter)
}

// periodName says a period the way people do: tháng 11/2026, quý 4/2026,
// năm 2026; parsePeriod reads it back.
func periodName(lang string, s span) string {
	switch s.kind {
	case storage.Month:
		return texts.T(lang, "period.month", fmt.Sprintf("%02d/%d", s.start.Month(), s.start.Year()))
	case storage.Quarter:
		return texts.T(lang, "period.quarter", fmt.Sprintf("%d/%d", (int(s.start.Month())+2)/3, s.start.Year()))
	}
	return texts.T(lang, "period.year", s.start.Year())
}

// asksPeriod says whether a command was given no period where it offers
// the periods as buttons (in a private chat) before answering.
func asksPeriod(cmd *command, req Request) bool {
	return len(cmd.periods) > 0 && !cmd.periodsUnder && strings.TrimSpace(req.Args) == "" && !req.Group
}

// offerPeriods answers a command given no period with the periods around
// now as buttons: this and the last month, quarter or year.
func offerPeriods(c *Ctx, cmd *command) error {
	kb, err := c.bot.periodButtons(c.Lang, cmd)
	if err != nil {
		return err
	}
	return c.Reply(c.T("period.ask", commandTitle(c.Lang, cmd)), kb...)
}

// checkPeriod refuses a typed period the bot cannot read, or one that has
// not begun, with the periods as buttons so the next try is one tap; done
// says it answered.
func checkPeriod(c *Ctx, cmd *command) (done bool, err error) {
	arg := strings.TrimSpace(c.Req.Args)
	// A command about one kind of period (/commend's year) reads and
	// refuses its argument in its own words.
	if arg == "" || len(cmd.periods) < 2 {
		return false, nil
	}
	s, perr := parsePeriod(arg, c.bot.Now(), c.bot.loc, cmd.periods[0])
	var text string
	switch {
	case perr != nil:
		text = errorText(c.Lang, perr)
	case s.start.After(c.bot.Now()):
		text = c.T("period.future", capitalise(periodName(c.Lang, s)))
	default:
		return false, nil
	}
	kb, err := c.bot.periodButtons(c.Lang, cmd)
	if err != nil {
		return true, err
	}
	return true, c.Reply(text+"\n\n"+c.T("period.ask", commandTitle(c.Lang, cmd)), kb...)
}

// periodButtons are the periods around now, a row per kind the command is
// about: this one and the last.
func (o *office) periodButtons(lang string, cmd *command) ([][]storage.Button, error) {
	now := o.Now().In(o.loc)
	var kb [][]storage.Button
	for _, kind := range cmd.periods {
		var row []storage.Button
		for _, back := range []int{0, 1} {
			at := now
			switch kind {
			case storage.Month:
				at = time.Date(now.Year(), now.Month()-time.Month(back), 1, 12, 0, 0, 0, o.loc)
			case storage.Quarter:
				at = time.Date(now.Year(), now.Month()-time.Month(3*back), 1, 12, 0, 0, 0, o.loc)
			case storage.Year:
				at = time.Date(now.Year()-back, 1, 1, 12, 0, 0, 0, o.loc)
			}
			s, err := parsePeriod("", at, o.loc, kind)
			if err != nil {
				return nil, err
			}
			row = append(row, storage.Button{Text: capitalise(periodName(lang, s)), Data: data(actPeriod, cmd.name, writtenPeriod(s))})
		}
		kb = append(kb, row)
	}
	return kb, nil
}

// commandTitle names what a command shows, in words, to head its period
// prompt: "Bảng xếp hạng", never "/leaderboard". The keys are
// period.title.<command> for each command with periods.
func commandTitle(lang string, cmd *command) string {
	return texts.T(lang, "period.title."+cmd.name)
}

// writtenPeriod is the shortest form parsePeriod reads: 11/2026, Q4/2026, 2026.
func writtenPeriod(s span) string {
	switch s.kind {
	case storage.Month:
		return fmt.Sprintf("%d/%d", s.start.Month(), s.start.Year())
	case storage.Quarter:
		return fmt.Sprintf("Q%d/%d", (int(s.start.Month())+2)/3, s.start.Year())
	}
	return strconv.Itoa(s.start.Year())
}

// mustPeriod reads a period the bot itself wrote on a button.
func mustPeriod(arg string, b *Bot) span {
	s, _ := b.parseSpan(arg)
	return s
}

// capitalise puts the first letter in upper case, for a button.
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// periodWorthPreparing says whether a heavy command's period is one it
// will answer for: one unreadable or not begun is refused (checkPeriod)
// before anything is made.
func periodWorthPreparing(b *Bot, cmd *command, req Request) bool {
	arg := strings.TrimSpace(req.Args)
	if len(cmd.periods) < 2 || arg == "" {
		return true
	}
	s, err := parsePeriod(arg, b.Now(), b.loc, cmd.periods[0])
	return err == nil && !s.start.After(b.Now())
}
