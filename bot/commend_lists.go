package bot

import (
	"slices"
	"strings"
	"time"

	"thiduabot/bot/render"
	"thiduabot/bot/texts"

	"github.com/xuri/excelize/v2"

	"thiduabot/storage"
)

// The proposal lists as a Sở's dossier has them (Decree 98/2023/NĐ-CP):
// STT, Họ và tên, Chức vụ, Đơn vị, Thành tích, Hình thức đề nghị; one
// sheet a level that decides: the Giám đốc Sở's Giấy khen, the Chủ tịch
// UBND tỉnh's Bằng khen, the Minister's (org.ministry). A collective's
// row names it under Đơn vị, never under Họ và tên; its Thành tích is a
// sentence of achievements, not a score.

// awardSheet is the name of an award's list in the workbook (Excel takes
// at most 31 characters).
func awardSheet(lang string, a storage.Award) string {
	return texts.T(lang, "law.commend.sheet."+string(a))
}

// writeAwardList writes the list of those proposed for award.
func (o *office) writeAwardList(lang string, f *excelize.File, st render.Styles, p proposal, award storage.Award) error {
	sh, err := render.NewSheet(f, awardSheet(lang, award), st, o.loc, texts.T(lang, "commend.x_no"), texts.T(lang, "commend.x_name"),
		texts.T(lang, "law.commend.x_position"), texts.T(lang, "commend.x_unit"), texts.T(lang, "commend.x_merit"), texts.T(lang, "commend.x_award"))
	if err != nil {
		return err
	}
	form := o.awardName(lang, award)
	n := 0
	for _, u := range p.units {
		if u.Award == award {
			n++
			if err := sh.Add(n, "", "", u.unit.Name, o.unitMerit(lang, p.year, u), form); err != nil {
				return err
			}
		}
	}
	for _, m := range p.members {
		if m.Award == award {
			n++
			if err := sh.Add(n, displayName(lang, m.member), o.positionOf(m.member), m.unit.Name, o.memberMerit(lang, p.year, m), form); err != nil {
				return err
			}
		}
	}
	return sh.Flush()
}

// memberMerit is a person's achievements in the year, as a sentence:
// "02 sáng kiến được công nhận (SK-2, SK-3); tiết kiệm 45.000.000 đ; 70
// điểm thi đua năm 2026".
func (o *office) memberMerit(lang string, year int, m proposed) string {
	var parts []string
	if m.Accepted > 0 {
		parts = append(parts, texts.T(lang, "law.merit.initiatives", m.Accepted, refs(m.initiatives)))
	}
	if m.saved > 0 {
		parts = append(parts, texts.T(lang, "law.merit.saved", texts.Money(m.saved)))
	}
	parts = append(parts, texts.T(lang, "law.merit.points", m.Points, year))
	return strings.Join(parts, "; ")
}

// unitMerit is a collective's achievements in the year, as a sentence.
func (o *office) unitMerit(lang string, year int, u proposed) string {
	var parts []string
	if u.Due > 0 {
		parts = append(parts, texts.T(lang, "law.merit.reports", u.OnTime, u.Due))
	}
	parts = append(parts, texts.T(lang, "law.merit.points", u.Points, year))
	return strings.Join(parts, "; ")
}

// savedIn is what a member's ideas' progress reports saved in year (each
// report's addition over the one before it).
func (o *office) savedIn(tx *storage.Tx, author int64, year int) (int64, error) {
	ideas, _, err := tx.Ideas(storage.IdeaFilter{Author: author}, 1<<30)
	if err != nil {
		return 0, err
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, o.loc)
	end := start.AddDate(1, 0, 0)
	var total int64
	for _, idea := range ideas {
		progress, err := tx.ProgressOf(idea.ID)
		if err != nil {
			return 0, err
		}
		var before int64
		for _, pr := range progress {
			if !pr.At.Before(start) && pr.At.Before(end) {
				total += pr.Saved - before
			}
			before = pr.Saved
		}
	}
	return total, nil
}

// registered says how a proposal stands against the year's register:
// the title registered for, or not registered.
func registered(lang string, p proposal, s storage.Subject) string {
	if r, ok := p.register[s]; ok {
		return texts.T(lang, "law.commend.registered", texts.T(lang, "law.title."+r.Title))
	}
	return texts.T(lang, "law.commend.unregistered")
}

// registerRow is one line of the register's sheet.
type registerRow struct {
	name, position, unit, title, commitments string
}

// registerRows reads the names the register's sheet shows: collectives,
// then individuals, each by name.
func (o *office) registerRows(tx *storage.Tx, lang string, reg map[storage.Subject]storage.Registration) ([]registerRow, error) {
	var units, members []registerRow
	for s, r := range reg {
		title := texts.T(lang, "law.title."+r.Title)
		if s.Unit != "" {
			u, _, err := tx.Unit(s.Unit)
			if err != nil {
				return nil, err
			}
			units = append(units, registerRow{unit: u.Name, title: title, commitments: r.Commitments})
			continue
		}
		m, _, err := tx.Member(s.Member)
		if err != nil {
			return nil, err
		}
		u, _, err := tx.Unit(m.Unit)
		if err != nil {
			return nil, err
		}
		members = append(members, registerRow{name: displayName(lang, m), position: o.positionOf(m), unit: u.Name, title: title,
			commitments: texts.T(lang, "law.commend.x_committed", r.Initiatives)})
	}
	by := func(x, y registerRow) int { return strings.Compare(x.unit+"|"+x.name, y.unit+"|"+y.name) }
	slices.SortFunc(units, by)
	slices.SortFunc(members, by)
	return append(units, members...), nil
}

// writeRegister writes the year's đăng ký thi đua as a sheet.
func (o *office) writeRegister(lang string, f *excelize.File, st render.Styles, p proposal) error {
	sh, err := render.NewSheet(f, texts.T(lang, "law.commend.sheet.register"), st, o.loc, texts.T(lang, "commend.x_no"), texts.T(lang, "commend.x_name"),
		texts.T(lang, "law.commend.x_position"), texts.T(lang, "commend.x_unit"), texts.T(lang, "law.commend.x_title"), texts.T(lang, "law.commend.x_commitments"))
	if err != nil {
		return err
	}
	for i, r := range p.registerRows {
		if err := sh.Add(i+1, r.name, r.position, r.unit, r.title, r.commitments); err != nil {
			return err
		}
	}
	return sh.Flush()
}
