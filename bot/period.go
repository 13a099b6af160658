package bot

import (
	"strings"
	"thiduabot/bot/period"
	"time"
	"unicode"
	"unicode/utf8"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// parseSpan reads a period for /summary and /export: empty is this quarter.
func (o *office) parseSpan(arg string) (storage.Span, error) {
	return period.Parse(arg, o.Now(), o.loc, storage.Quarter)
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
	s, perr := period.Parse(arg, c.bot.Now(), c.bot.loc, cmd.periods[0])
	var text string
	switch {
	case perr != nil:
		text = errorText(c.Lang, perr)
	case s.Start.After(c.bot.Now()):
		text = c.T("period.future", capitalise(period.Name(c.Lang, s)))
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
			s, err := period.Parse("", at, o.loc, kind)
			if err != nil {
				return nil, err
			}
			row = append(row, storage.Button{Text: capitalise(period.Name(lang, s)), Data: data(actPeriod, cmd.name, period.Written(s))})
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

// mustPeriod reads a period the bot itself wrote on a button.
func mustPeriod(arg string, b *Bot) storage.Span {
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
	s, err := period.Parse(arg, b.Now(), b.loc, cmd.periods[0])
	return err == nil && !s.Start.After(b.Now())
}
