package bot

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/period"
	"thiduabot/bot/render"
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// /commend: the year's proposal for commendation, by Law 06/2022/QH15 and
// Decree 98/2023/NĐ-CP (SPEC §6). The rule is storage's
// (CommendThresholds.Candidates); this file reads the facts it needs and
// the records it names, and writes the message and the proposal list.

// proposed is one line of the proposal: a candidate with the records it
// names.
type proposed struct {
	storage.Candidate
	member      storage.Member
	unit        storage.Unit   // the member's unit, or the collective
	initiatives []storage.Idea // an individual's, recognised in the year
	saved       int64          // an individual's: what their ideas' progress saved in the year, VND
}

// proposal is the year's proposal: collectives, then individuals.
type proposal struct {
	year    int
	upTo    time.Time // the end of the year, or now while it runs
	units   []proposed
	members []proposed // proposed for an award, or listed for their initiatives
	// register is the year's đăng ký thi đua, each proposal held against it.
	register     map[storage.Subject]storage.Registration
	registerRows []registerRow // the register's sheet, in the proposal's language
}

// awards in the order the proposal shows them: the higher first.
var awards = []storage.Award{storage.AwardBangKhenBo, storage.AwardBangKhen, storage.AwardGiayKhen}

// maxCommendLines bounds the lines of one block of the message; the
// workbook has them all.
const maxCommendLines = 30

// commendation reads the year's totals, recognised initiatives and
// reports, asks the rule for the proposal, and reads the records it names.
func (o *office) commendation(tx *storage.Tx, year int) (proposal, error) {
	p := proposal{year: year, upTo: time.Date(year+1, 1, 1, 0, 0, 0, 0, o.loc)}
	if now := o.Now(); now.Before(p.upTo) {
		p.upTo = now
	}
	yk := storage.YearKey(year)
	members, err := tx.Ranking(yk, false)
	if err != nil {
		return p, err
	}
	accepted := tx.RecognisedByMember(yk)
	ranked, err := tx.Ranking(yk, true)
	if err != nil {
		return p, err
	}
	var list []storage.Unit
	for _, r := range ranked {
		u, _, err := tx.Unit(r.Unit)
		if err != nil {
			return p, err
		}
		list = append(list, u)
	}
	periods, err := tx.Periods(false)
	if err != nil {
		return p, err
	}
	periods = storage.YearPeriods(periods, year, o.Now(), o.loc)
	reports, err := tx.ReportsFor(periods, list)
	if err != nil {
		return p, err
	}
	if p.register, err = tx.Registrations(year); err != nil {
		return p, err
	}
	if p.registerRows, err = o.registerRows(tx, o.cfg.Org.Language, p.register); err != nil {
		return p, err
	}
	facts := storage.CommendFacts{Members: members, Accepted: accepted, Units: ranked, Periods: periods, Reports: reports}
	for _, c := range o.cfg.CommendThresholds().Candidates(facts) {
		line := proposed{Candidate: c}
		if c.Member == 0 {
			if line.unit, _, err = tx.Unit(c.Unit); err != nil {
				return p, err
			}
			p.units = append(p.units, line)
			continue
		}
		if line.member, _, err = tx.Member(c.Member); err != nil {
			return p, err
		}
		if line.unit, _, err = tx.Unit(line.member.Unit); err != nil {
			return p, err
		}
		if c.HasInitiative() {
			if line.initiatives, err = o.recognisedIn(tx, c.Member, year); err != nil {
				return p, err
			}
		}
		if line.saved, err = o.savedIn(tx, c.Member, year); err != nil {
			return p, err
		}
		p.members = append(p.members, line)
	}
	return p, nil
}

// recognisedIn are a member's initiatives recognised in year, oldest first.
func (o *office) recognisedIn(tx *storage.Tx, author int64, year int) ([]storage.Idea, error) {
	ideas, _, err := tx.Ideas(storage.IdeaFilter{Author: author}, 1<<30)
	if err != nil {
		return nil, err
	}
	var out []storage.Idea
	for _, idea := range ideas {
		if r := idea.Recognition; idea.Status == storage.IdeaRecognised && r != nil && r.Date.In(o.loc).Year() == year {
			out = append(out, idea)
		}
	}
	slices.Reverse(out)
	return out, nil
}

// refs are the initiatives' refs: "SK-1, SK-4".
func refs(ideas []storage.Idea) string {
	var out []string
	for _, idea := range ideas {
		out = append(out, idea.Ref())
	}
	return strings.Join(out, ", ")
}

// reportsOnTime says a collective's reports on time, of those due in the
// year; nothing before the first is due.
func reportsOnTime(lang, key string, u proposed) string {
	if u.Due == 0 {
		return ""
	}
	return texts.T(lang, key, u.OnTime, u.Due)
}

// fourDigits is a year written alone, perhaps after its word ("năm 1999"),
// once folded by foldPeriod: parsePeriod refuses one outside its range
// without saying why, and /commend says why.
var fourDigits = regexp.MustCompile(`^(?:nam|year)?\s*(\d{4})$`)

// commendYear reads the year /commend is asked about: a year of the
// movement's data, from the first year with points to this one.
func (o *office) commendYear(tx *storage.Tx, arg string) (int, error) {
	now := o.Now().In(o.loc)
	year := now.Year()
	if arg = strings.TrimSpace(arg); arg != "" {
		if m := fourDigits.FindStringSubmatch(period.Fold(arg)); m != nil {
			year, _ = strconv.Atoi(m[1])
		} else if s, err := period.Parse(arg, now, o.loc, storage.Year); err == nil && s.Kind == storage.Year {
			year = s.Start.Year()
		} else {
			return 0, storage.Errorf(storage.EInvalid, reasonYearUnknown, arg)
		}
	}
	first, ok := tx.FirstYear()
	if !ok || first > now.Year() {
		first = now.Year()
	}
	switch {
	case year < first:
		return 0, storage.Errorf(storage.EInvalid, reasonYearBeforeData, year, first)
	case year > now.Year():
		return 0, storage.Errorf(storage.EInvalid, reasonYearAhead, year, now.Year())
	}
	return year, nil
}

func (o *office) prepareCommend(tx *storage.Tx, req Request, me storage.Member) ([]storage.Message, error) {
	lang := o.langOf(me)
	year, err := o.commendYear(tx, req.Args)
	if err != nil {
		return nil, err
	}
	p, err := o.commendation(tx, year)
	if err != nil {
		return nil, err
	}
	text := o.commendText(lang, p)
	infra, err := o.infraEvidenceText(tx, lang, p) // commend_infra.go
	if err != nil {
		return nil, err
	}
	text += infra
	if len(p.units) == 0 && len(p.members) == 0 {
		return []storage.Message{{Method: storage.MethodSendMessage, Text: text}}, nil
	}
	if err := os.MkdirAll(o.exportDir(), 0o750); err != nil {
		return nil, err
	}
	path, err := exportFile(o.exportDir(), fmt.Sprintf("khen-thuong-%d-*.xlsx", year))
	if err != nil {
		return nil, err
	}
	if err := o.writeCommend(lang, p, path); err != nil {
		os.Remove(path)
		return nil, err
	}
	var kb [][]storage.Button
	if me.IsAdmin() { // the council's vote and the decisions follow
		kb = append(kb, honourButton(lang, year))
	}
	return []storage.Message{
		{Method: storage.MethodSendMessage, Text: text, Keyboard: kb},
		{Method: storage.MethodSendDocument, Text: texts.T(lang, "commend.caption", year), Document: &storage.Document{Name: fmt.Sprintf("de-nghi-khen-thuong-%d.xlsx", year), Path: path}},
	}, nil
}

// commendText is the proposal as a message: by award, collectives then
// individuals; then the evidence toward the yearly titles; then what the
// bot does not decide.
func (o *office) commendText(lang string, p proposal) string {
	var text strings.Builder
	text.WriteString(texts.T(lang, "commend.title", p.year, o.cfg.Org.Movement, p.upTo.In(o.loc).Format("02/01/2006")))
	block := func(heading string, lines []string) {
		if len(lines) == 0 {
			return
		}
		if heading != "" {
			text.WriteString(texts.T(lang, heading))
		}
		for i, l := range lines {
			if i == maxCommendLines {
				text.WriteString(texts.T(lang, "commend.more", len(lines)-maxCommendLines))
				break
			}
			text.WriteString(l)
		}
	}
	anyone := false
	for _, award := range awards {
		var units, members []string
		for _, u := range p.units {
			if u.Award == award {
				units = append(units, texts.T(lang, "commend.unit_line", len(units)+1, u.unit.Name, u.Points)+reportsOnTime(lang, "commend.unit_reports", u)+registered(lang, p, storage.Subject{Unit: u.unit.Code}))
			}
		}
		for _, m := range p.members {
			if m.Award == award {
				members = append(members, texts.T(lang, "commend.member_line", len(members)+1, displayName(lang, m.member), m.unit.Name, m.Points, m.Accepted)+registered(lang, p, storage.Subject{Member: m.member.UserID}))
			}
		}
		if len(units)+len(members) == 0 {
			continue
		}
		anyone = true
		if award == storage.AwardBangKhenBo {
			text.WriteString(texts.T(lang, "law.commend.bang_khen_bo", o.cfg.Org.Ministry))
		} else {
			text.WriteString(texts.T(lang, "commend."+string(award)))
		}
		block("commend.units", units)
		block("commend.members", members)
	}
	if !anyone {
		text.WriteString(texts.T(lang, "commend.none"))
	}
	var evidence []string
	for _, m := range p.members {
		if m.HasInitiative() {
			evidence = append(evidence, texts.T(lang, "commend.evidence_line", displayName(lang, m.member), m.unit.Name, m.Accepted, refs(m.initiatives)))
		}
	}
	text.WriteString(texts.T(lang, "commend.evidence"))
	if len(evidence) == 0 {
		text.WriteString(texts.T(lang, "commend.evidence_none"))
	}
	block("", evidence)
	text.WriteString(texts.T(lang, "commend.only_proposes"))
	return text.String()
}

// writeCommend writes the proposal lists (danh sách đề nghị khen thưởng),
// one a level that decides (writeAwardList); and beside them the evidence
// toward the yearly titles, an initiative a row.
func (o *office) writeCommend(lang string, p proposal, path string) error {
	f := render.NewWorkbook()
	defer f.Close()
	st, err := render.NewStyles(f, lang)
	if err != nil {
		return err
	}
	// One list a level that decides (Decree 98/2023/NĐ-CP): the Giám
	// đốc Sở's Giấy khen, the Chủ tịch UBND tỉnh's Bằng khen, the
	// Minister's; each as a Sở's dossier has it.
	for _, award := range []storage.Award{storage.AwardGiayKhen, storage.AwardBangKhen, storage.AwardBangKhenBo} {
		if err := o.writeAwardList(lang, f, st, p, award); err != nil {
			return err
		}
	}
	if err := o.writeRegister(lang, f, st, p); err != nil {
		return err
	}
	ev, err := render.NewSheet(f, texts.T(lang, "commend.x_evidence_sheet"), st, o.loc, texts.T(lang, "commend.x_no"), texts.T(lang, "commend.x_name"), texts.T(lang, "commend.x_unit"), texts.T(lang, "x.accepted"), texts.T(lang, "commend.x_recognised"), texts.T(lang, "commend.x_score"))
	if err != nil {
		return err
	}
	n := 0
	for _, m := range p.members {
		for _, idea := range m.initiatives {
			n++
			score := ""
			if idea.Scores != nil {
				score = fmt.Sprintf("%d/30", idea.Scores.Total())
			}
			r := idea.Recognition // recognisedIn keeps only the recognised
			if err := ev.Add(n, displayName(lang, m.member), m.unit.Name, texts.T(lang, "law.commend.x_initiative", idea.Ref(), idea.Title, r.No), r.Date, score); err != nil {
				return err
			}
		}
	}
	if err := ev.Flush(); err != nil {
		return err
	}
	f.DeleteSheet("Sheet1")
	return render.SaveWorkbook(f, path)
}
