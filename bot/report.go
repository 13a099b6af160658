package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// reportTag names the reminders a unit's heads got for a period, so that
// its report can edit them.
func reportTag(period, unit string) string { return "report:" + period + "|" + unit }

// formReport is the form of a unit's periodic report.
const formReport = "report"

// maxReportFile is the largest document a bot can fetch from Telegram.
const maxReportFile = 20 << 20

// reportTypes are the documents a report may carry: PDF, DOC/DOCX, ODT,
// XLS/XLSX, as offices still write them.
var reportTypes = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".odt":  "application/vnd.oasis.opendocument.text",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// reportButton opens the report form for unit's report for p.
func reportButton(lang string, p storage.Period, unit string) []storage.Button {
	return []storage.Button{{Text: texts.T(lang, "btn.report"), Data: data(actReport, p.Key, unit)}}
}

// cmdReport lets a head pick an open period to report for.
func cmdReport(c *Ctx) error {
	if err := c.tx.OpenPeriods(c.tx.Now()); err != nil {
		return err
	}
	periods, err := c.tx.Periods(true)
	if err != nil {
		return err
	}
	if len(periods) == 0 {
		return c.Reply(c.T("report.none"))
	}
	var kb [][]storage.Button
	for _, p := range periods {
		mark := "📝 "
		if _, ok, err := c.tx.Report(p.Key, c.Me.Unit); err != nil {
			return err
		} else if ok {
			mark = "✅ "
		}
		kb = append(kb, []storage.Button{{Text: truncate(mark+p.Name+" – "+texts.FormatTime(c.Lang, p.Due, c.bot.loc), 60), Data: data(actReport, p.Key, c.Me.Unit)}})
	}
	return c.Reply(c.T("report.pick"), kb...)
}

// onReportButton starts the report form for a unit's report for a period
// (from /report, a reminder or the notice of a new deadline); the button
// names both ("rp:<period>:<unit>"; the unit left out on buttons sent
// before it was named: the presser's own).
func onReportButton(c *Ctx, arg string) error {
	key, unit, _ := strings.Cut(arg, ":")
	p, err := c.tx.Period(key)
	if who := c.Me.MayReport(p, unit); who != nil {
		return who // before the lookup's error, as SubmitReport does
	}
	if err != nil {
		return err
	}
	intro := c.T("report.start", p.Name, c.bot.at(p.Due))
	if old, ok, err := c.tx.Report(p.Key, c.Me.Unit); err != nil {
		return err
	} else if ok {
		intro = c.T("report.correct", p.Name, c.bot.at(old.At))
	}
	if err := c.saveForm(formReport, "saved", &reportForm{Period: key, Unit: c.Me.Unit}); err != nil {
		return err
	}
	return c.Reply(intro + "\n\n" + c.T("report.ask_saved"))
}

// reportStep: money saved this period → infrastructure progress → an
// optional document → confirm.
func reportStep(c *Ctx, f storage.Form) error {
	s := formState[reportForm](f)
	st := &s
	if st.Answers == nil {
		st.Answers = map[string]string{}
	}
	pressed := formAnswer(c)
	text := c.Req.Text
	save := func(step, prompt string, kb ...[]storage.Button) error {
		f.Step = step
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(prompt, kb...)
	}
	confirmKB := confirmButtons(c.Lang)
	toConfirm := func() error {
		saved, _ := strconv.ParseInt(st.Saved, 10, 64)
		doc := st.DocName
		if doc == "" {
			doc = "—"
		}
		p, err := c.tx.Period(st.Period)
		if err != nil {
			return err
		}
		infra, err := infraSummary(c, st)
		if err != nil {
			return err
		}
		note := st.Infra
		if note == "" {
			note = "—"
		}
		return save("confirm", c.T("report.confirm", p.Name, texts.Money(saved), texts.HTML(infra), note, doc), confirmKB...)
	}
	if strings.HasPrefix(f.Step, "i_") || strings.HasPrefix(f.Step, "w_") {
		return infraStep(c, f, st)
	}
	switch f.Step {
	case "saved":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		v, err := storage.ParseVND(text)
		if err != nil {
			return err
		}
		st.Saved = strconv.FormatInt(v, 10)
		return startInfraWalk(c, st)
	case "infra":
		if pressed == "skip" {
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			st.Infra = ""
			return save("doc", c.T("report.ask_doc"), skipButton(c))
		}
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		infra, err := storage.CheckDescription(text)
		if err != nil {
			return err
		}
		st.Infra = infra
		return save("doc", c.T("report.ask_doc"), skipButton(c))
	case "doc":
		if pressed == "skip" {
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return toConfirm()
		}
		d := c.Req.Document
		if d == nil {
			return c.Reply(c.T("report.ask_doc"), skipButton(c))
		}
		ext := strings.ToLower(d.FileName[strings.LastIndex(d.FileName, ".")+1:])
		if _, ok := reportTypes["."+ext]; !ok || !strings.Contains(d.FileName, ".") {
			return storage.Errorf(storage.EInvalid, reasonDocumentType)
		}
		if d.FileSize > maxReportFile {
			return storage.Errorf(storage.EInvalid, reasonDocumentTooLarge)
		}
		st.DocID, st.DocName = d.FileID, d.FileName
		return toConfirm()
	case "confirm":
		switch pressed {
		case "cancel":
			return c.leaveForm()
		case "ok":
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return fileReport(c, st)
		}
		return c.Reply(c.T("form.choose"), confirmKB...)
	}
	return c.Answer(c.T("form.stale"), false)
}

// fileReport stores the report; a late one is passed on to the directors.
func fileReport(c *Ctx, st *reportForm) error {
	saved, _ := strconv.ParseInt(st.Saved, 10, 64)
	r, err := c.tx.SubmitReport(c.Me, storage.Report{PeriodKey: st.Period, Unit: st.Unit, Saved: saved, Infra: st.Infra, DocFileID: st.DocID, DocName: st.DocName})
	if err != nil {
		return err
	}
	if err := fileInfra(c, st); err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	p, err := c.tx.Period(r.PeriodKey)
	if err != nil {
		return err
	}
	key := "report.on_time"
	if r.Late {
		key = "report.late"
	}
	reply := c.T(key, p.Name, texts.Money(r.Saved))
	if owed, err := owedText(c.tx, c.Lang, p, r.Unit); err != nil {
		return err
	} else if owed != "" {
		reply += "\n" + owed // what was left for later
	}
	if err := c.Reply(reply); err != nil {
		return err
	}
	unit, _, err := c.tx.Unit(r.Unit)
	if err != nil {
		return err
	}
	// The reminders the unit's heads got for the period say it is done, and
	// lose their button.
	err = refreshCards(c, reportTag(p.Key, r.Unit), true, func(viewer storage.Member, lang string) (string, [][]storage.Button, error) {
		return texts.T(lang, "report.card_done", p.Name, unit.Name, displayName(lang, c.Me), c.bot.at(r.At)), nil, nil
	})
	if err != nil {
		return err
	}
	if !c.tx.Now().After(p.Due) {
		return nil
	}
	return c.bot.toDirectorsText(c.tx, "report.to_director", unit.Name, p.Name, texts.Money(r.Saved), r.Infra)
}
