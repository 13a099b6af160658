package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"thiduabot/storage"
)

// candidate is someone the criteria put forward for a title, with the
// records the proposal names.
type candidate struct {
	title    string // cstd, ldtt, ttldtt
	member   storage.Member
	unit     storage.Unit
	points   int64
	accepted int64
	reports  string // units: on time / all
}

// commendation reads the year's totals and reports, asks the rule
// (storage.CommendThresholds.Candidates) for the candidates by the
// [commendation] thresholds, and reads the records they name.
func (b *Bot) commendation(tx *storage.Tx, year int) ([]candidate, error) {
	yk := fmt.Sprintf("Y%04d", year)
	members, err := tx.Ranking(yk, false)
	if err != nil {
		return nil, err
	}
	accepted := map[int64]int64{}
	for _, r := range members {
		accepted[r.Member] = tx.Stat("acc", yk, strconv.FormatInt(r.Member, 10))
	}
	ranked, err := tx.Ranking(yk, true)
	if err != nil {
		return nil, err
	}
	units := map[string]storage.Unit{}
	var list []storage.Unit
	for _, r := range ranked {
		u, _, err := tx.Unit(r.Unit)
		if err != nil {
			return nil, err
		}
		units[r.Unit] = u
		list = append(list, u)
	}
	periods, err := tx.Periods(false)
	if err != nil {
		return nil, err
	}
	periods = storage.YearPeriods(periods, year, b.Now(), b.loc)
	reports, err := tx.ReportsFor(periods, list)
	if err != nil {
		return nil, err
	}
	th := storage.CommendThresholds(b.cfg.Commendation)
	var out []candidate
	for _, c := range th.Candidates(storage.CommendFacts{Members: members, Accepted: accepted, Units: ranked, Periods: periods, Reports: reports}) {
		if c.Title == storage.TitleTTLDTT {
			out = append(out, candidate{title: string(c.Title), unit: units[c.Unit], points: c.Points, reports: fmt.Sprintf("%d/%d", c.OnTime, c.Due)})
			continue
		}
		m, _, err := tx.Member(c.Member)
		if err != nil {
			return nil, err
		}
		out = append(out, candidate{title: string(c.Title), member: m, points: c.Points, accepted: c.Accepted})
	}
	return out, nil
}

func (b *Bot) prepareCommend(tx *storage.Tx, req Request, me storage.Member) ([]storage.Message, error) {
	lang := b.langOf(me)
	year := b.Now().In(b.loc).Year()
	if arg := strings.TrimSpace(req.Args); arg != "" {
		y, err := strconv.Atoi(arg)
		if err != nil || y < 2000 || y > 2100 {
			return nil, storage.Errorf(storage.EInvalid, reasonYearUnknown, arg)
		}
		year = y
	}
	list, err := b.commendation(tx, year)
	if err != nil {
		return nil, err
	}
	var text strings.Builder
	text.WriteString(T(lang, "cm.title", year))
	if len(list) == 0 {
		text.WriteString(T(lang, "cm.none"))
		return []storage.Message{{Method: storage.MethodSendMessage, Text: text.String()}}, nil
	}
	for _, title := range []string{"cstd", "ldtt", "ttldtt"} {
		first := true
		for _, c := range list {
			if c.title != title {
				continue
			}
			if first {
				text.WriteString(T(lang, "cm."+title))
				first = false
			}
			if title == "ttldtt" {
				text.WriteString(T(lang, "cm.unit_line", c.unit.Name, c.points, c.reports))
			} else {
				text.WriteString(T(lang, "cm.member_line", displayName(lang, c.member), c.member.Unit, c.points, c.accepted))
			}
		}
	}
	if err := os.MkdirAll(b.exportDir(), 0o750); err != nil {
		return nil, err
	}
	path := filepath.Join(b.exportDir(), fmt.Sprintf("khen-thuong-%d-%d.xlsx", year, b.Now().UnixNano()))
	if err := b.writeCommend(lang, list, path); err != nil {
		os.Remove(path)
		return nil, err
	}
	return []storage.Message{
		{Method: storage.MethodSendMessage, Text: text.String()},
		{Method: storage.MethodSendDocument, Text: T(lang, "cm.caption", year), Document: &storage.Document{Name: fmt.Sprintf("de-xuat-khen-thuong-%d.xlsx", year), Path: path}},
	}, nil
}

// writeCommend writes the candidates for the council to work from.
func (b *Bot) writeCommend(lang string, list []candidate, path string) error {
	f := newWorkbook()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sh, err := newSheet(f, T(lang, "x.sheet_commend"), st, b.loc, T(lang, "x.title_award"), T(lang, "x.who"), T(lang, "x.unit"), T(lang, "x.points"), T(lang, "x.accepted"), T(lang, "x.reports_on_time"), T(lang, "x.decision"))
	if err != nil {
		return err
	}
	for _, c := range list {
		award := T(lang, "cm.name."+c.title)
		if c.title == "ttldtt" {
			err = sh.add(award, c.unit.Name, c.unit.Code, c.points, "", c.reports, "")
		} else {
			err = sh.add(award, displayName(lang, c.member), c.member.Unit, c.points, c.accepted, "", "")
		}
		if err != nil {
			return err
		}
	}
	if err := sh.flush(); err != nil {
		return err
	}
	f.DeleteSheet("Sheet1")
	return saveWorkbook(f, path)
}
