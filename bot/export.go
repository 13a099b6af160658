package bot

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/period"
	"thiduabot/bot/render"
	"thiduabot/bot/texts"

	"golang.org/x/sync/errgroup"

	"thiduabot/storage"
)

// prepareExport writes the period's workbook (ideas with their history,
// progress, reports, the leaderboard, waste reports) and a CSV of ideas,
// streaming, so memory stays flat however large the data.
func (o *office) prepareExport(tx *storage.Tx, req Request, me storage.Member) ([]storage.Message, error) {
	lang := o.langOf(me)
	s, err := o.parseSpan(req.Args)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.exportDir(), 0o750); err != nil {
		return nil, err
	}
	// Files of their own, whatever the clock says: one the sender has just
	// delivered is removed, and must never be another export's.
	xlsxPath, err := exportFile(o.exportDir(), "thidua-"+s.Key+"-*.xlsx")
	if err != nil {
		return nil, err
	}
	csvPath, err := exportFile(o.exportDir(), "sang-kien-"+s.Key+"-*.csv")
	if err != nil {
		os.Remove(xlsxPath)
		return nil, err
	}
	n, err := o.writeExport(tx, lang, s, xlsxPath, csvPath)
	if err != nil {
		os.Remove(xlsxPath)
		os.Remove(csvPath)
		return nil, err
	}
	label := period.Name(lang, s)
	return []storage.Message{
		{Method: storage.MethodSendDocument, Text: texts.T(lang, "export.caption", label, n), Document: &storage.Document{Name: "thi-dua-" + strings.ToLower(s.Key) + ".xlsx", Path: xlsxPath}},
		{Method: storage.MethodSendDocument, Text: texts.T(lang, "export.csv"), Document: &storage.Document{Name: "sang-kien-" + strings.ToLower(s.Key) + ".csv", Path: csvPath}},
	}, nil
}

// Export writes the workbook and the CSV of a period to the given paths
// (for the benchmark and for tests) and returns how many ideas it holds.
func (b *Bot) Export(period, xlsxPath, csvPath string) (int, error) {
	s, err := b.parseSpan(period)
	if err != nil {
		return 0, err
	}
	var n int
	err = b.db.View(func(tx *storage.Tx) error {
		n, err = b.writeExport(tx, b.cfg.Org.Language, s, xlsxPath, csvPath)
		return err
	})
	return n, err
}

func (o *office) writeExport(tx *storage.Tx, lang string, s storage.Span, xlsxPath, csvPath string) (int, error) {
	f := render.NewWorkbook()
	defer f.Close()
	st, err := render.NewStyles(f, lang)
	if err != nil {
		return 0, err
	}
	fig, err := tx.Figures(s)
	if err != nil {
		return 0, err
	}
	if err := o.writeFiguresSheet(f, st, lang, s, fig); err != nil {
		return 0, err
	}
	in := func(t time.Time) bool { return !t.Before(s.Start) && t.Before(s.End) }
	names := map[int64]string{}
	name := func(id int64) string {
		if n, ok := names[id]; ok {
			return n
		}
		m, _, _ := tx.Member(id)
		names[id] = displayName(lang, m)
		return names[id]
	}
	csvFile, err := os.Create(csvPath)
	if err != nil {
		return 0, err
	}
	defer csvFile.Close()
	cw := bufio.NewWriter(csvFile)
	cw.WriteString("\uFEFF") // so Excel reads the Vietnamese as UTF-8
	w := csv.NewWriter(cw)
	ideaHeaders := []string{texts.T(lang, "x.ref"), texts.T(lang, "x.title"), texts.T(lang, "x.theme"), texts.T(lang, "x.author"), texts.T(lang, "x.unit"), texts.T(lang, "x.status"), texts.T(lang, "x.submitted"), texts.T(lang, "x.estimate"), texts.T(lang, "x.saved"), texts.T(lang, "x.percent"), texts.T(lang, "x.score"), texts.T(lang, "x.description"), texts.T(lang, "x.history")}
	w.Write(ideaHeaders)
	ideas, err := render.NewSheet(f, texts.T(lang, storage.KindIdea.Sheet), st, o.loc, ideaHeaders...)
	if err != nil {
		return 0, err
	}
	count := 0
	// The reading side alone touches the transaction (names included); the
	// writing side gets rows ready to write.
	type ideaRow struct {
		idea    storage.Idea
		author  string
		history string
	}
	readIdeas := func(emit func(ideaRow) error) error {
		return tx.EachIdea(func(idea storage.Idea) error {
			if !in(idea.CreatedAt) {
				return nil
			}
			var hist []string
			for _, e := range idea.History {
				if !e.Step() {
					hist = append(hist, stripTags(linkLine(lang, e, texts.FormatTime(lang, e.At, o.loc), name(e.Actor))))
					continue
				}
				h := texts.FormatTime(lang, e.At, o.loc) + " " + texts.T(lang, "idea."+string(e.Status)) + " (" + name(e.Actor) + ")"
				if note := eventNote(lang, e); note != "" {
					h += ": " + note
				}
				hist = append(hist, h)
			}
			return emit(ideaRow{idea: idea, author: name(idea.Author), history: strings.Join(hist, "\n")})
		})
	}
	err = pipeline(readIdeas, func(r ideaRow) error {
		idea := r.idea
		count++
		score := ""
		if idea.Scores != nil {
			score = strconv.Itoa(idea.Scores.Total())
		}
		theme, status := texts.T(lang, "theme."+string(idea.Theme)), texts.T(lang, "idea."+string(idea.Status))
		w.Write([]string{idea.Ref(), idea.Title, theme, r.author, idea.Unit, status, texts.FormatTime(lang, idea.CreatedAt, o.loc),
			strconv.FormatInt(idea.EstSavings, 10), strconv.FormatInt(idea.Saved, 10), strconv.Itoa(idea.Percent), score, idea.Description, r.history})
		return ideas.Add(idea.Ref(), idea.Title, theme, r.author, idea.Unit, status, idea.CreatedAt,
			render.Money(idea.EstSavings), render.Money(idea.Saved), idea.Percent, score, idea.Description, r.history)
	})
	if err != nil {
		return 0, err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	if err := cw.Flush(); err != nil {
		return 0, err
	}
	if err := ideas.Flush(); err != nil {
		return 0, err
	}

	// Each entry says the money saved so far and, beside it, what it adds:
	// the second column sums to the summary's savings by the ideas.
	progress, err := render.NewSheet(f, texts.T(lang, storage.KindProgress.Sheet), st, o.loc, texts.T(lang, "x.ref"), texts.T(lang, "x.when"), texts.T(lang, "x.percent"), texts.T(lang, "x.saved"), texts.T(lang, "x.saved_delta"), texts.T(lang, "x.note"))
	if err != nil {
		return 0, err
	}
	type progressRow struct {
		p     storage.Progress
		delta int64
	}
	readProgress := func(emit func(progressRow) error) error {
		var last storage.Progress // the idea's entry before, by idea then time
		return tx.EachProgress(func(p storage.Progress) error {
			before := int64(0)
			if last.IdeaID == p.IdeaID {
				before = last.Saved
			}
			last = p
			if !in(p.At) {
				return nil
			}
			return emit(progressRow{p, p.Saved - before})
		})
	}
	err = pipeline(readProgress, func(r progressRow) error {
		p := r.p
		return progress.Add(storage.IdeaRef(p.IdeaID), p.At, p.Percent, render.Money(p.Saved), render.Money(r.delta), p.Note)
	})
	if err != nil {
		return 0, err
	}
	if err := progress.Flush(); err != nil {
		return 0, err
	}

	reports, err := render.NewSheet(f, texts.T(lang, storage.KindReport.Sheet), st, o.loc, texts.T(lang, "x.period"), texts.T(lang, "x.due"), texts.T(lang, "x.unit"), texts.T(lang, "x.saved"), texts.T(lang, "x.infra"), texts.T(lang, "x.file"), texts.T(lang, "x.when"), texts.T(lang, "x.on_time"))
	if err != nil {
		return 0, err
	}
	periods, err := tx.Periods(false)
	if err != nil {
		return 0, err
	}
	units, err := tx.Units()
	if err != nil {
		return 0, err
	}
	for _, p := range periods {
		if !p.CountsIn(s.Start, s.End) {
			continue
		}
		for _, u := range units {
			r, ok, err := tx.Report(p.Key, u.Code)
			if err != nil {
				return 0, err
			}
			punctual := texts.T(lang, "x.missing")
			if ok {
				punctual = texts.T(lang, map[bool]string{true: "x.late", false: "x.in_time"}[r.Late])
			}
			if err := reports.Add(p.Name, p.Due, u.Code, render.Money(r.Saved), r.Infra, r.DocName, r.At, punctual); err != nil {
				return 0, err
			}
		}
	}
	if err := reports.Flush(); err != nil {
		return 0, err
	}

	board, err := render.NewSheet(f, texts.T(lang, storage.KindPoints.Sheet), st, o.loc, texts.T(lang, "x.rank"), texts.T(lang, "x.who"), texts.T(lang, "x.unit"), texts.T(lang, "x.points"))
	if err != nil {
		return 0, err
	}
	members, err := tx.Ranking(s.Key, false)
	if err != nil {
		return 0, err
	}
	for _, r := range members {
		m, _, _ := tx.Member(r.Member)
		if err := board.Add(r.Rank, displayName(lang, m), m.Unit, r.Points); err != nil {
			return 0, err
		}
	}
	ranked, err := tx.Ranking(s.Key, true)
	if err != nil {
		return 0, err
	}
	for _, r := range ranked {
		u, _, _ := tx.Unit(r.Unit)
		if err := board.Add(r.Rank, u.Name, u.Code, r.Points); err != nil {
			return 0, err
		}
	}
	if err := board.Flush(); err != nil {
		return 0, err
	}

	// Only directors and admins export, and they may see who reported waste.
	waste, err := render.NewSheet(f, texts.T(lang, storage.KindWaste.Sheet), st, o.loc, texts.T(lang, "x.ref"), texts.T(lang, "x.status"), texts.T(lang, "x.reporter"), texts.T(lang, "x.when"), texts.T(lang, "x.description"), texts.T(lang, "x.outcome"))
	if err != nil {
		return 0, err
	}
	list, _, err := tx.Wastes(false, 1<<30)
	if err != nil {
		return 0, err
	}
	for i := len(list) - 1; i >= 0; i-- {
		wr := list[i]
		if !in(wr.CreatedAt) {
			continue
		}
		if err := waste.Add(wr.Ref(), texts.T(lang, "waste."+string(wr.Status)), name(wr.Reporter), wr.CreatedAt, wr.Description, wr.Outcome); err != nil {
			return 0, err
		}
	}
	if err := waste.Flush(); err != nil {
		return 0, err
	}
	if err := o.writeWasteCases(tx, lang, f, st, list, in); err != nil {
		return 0, err
	}
	if err := o.writeInfraSheets(f, st, lang, fig.Infra); err != nil {
		return 0, err
	}
	f.DeleteSheet("Sheet1")
	return count, render.SaveWorkbook(f, xlsxPath)
}

// pipeline runs read (which decodes records out of the transaction) in a
// goroutine of its own while write takes them, so decoding and writing
// share the two cores. Only read's goroutine touches the transaction; the
// caller waits for both. The first error stops both: the reader's emit
// fails with errStopped, so the walk through the bucket ends at once.
func pipeline[T any](read func(emit func(T) error) error, write func(T) error) error {
	const size = 512 // records go over in batches: a send each is too dear
	g, ctx := errgroup.WithContext(context.Background())
	batches := make(chan []T, 4)
	g.Go(func() error {
		defer close(batches)
		batch := make([]T, 0, size)
		send := func() error {
			select {
			case batches <- batch:
				batch = make([]T, 0, size)
				return nil
			case <-ctx.Done():
				return errStopped
			}
		}
		err := read(func(v T) error {
			if batch = append(batch, v); len(batch) == size {
				return send()
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = send()
		}
		return err
	})
	g.Go(func() error {
		for batch := range batches {
			if ctx.Err() != nil {
				return errStopped
			}
			for _, v := range batch {
				if err := write(v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return g.Wait()
}

var errStopped = fmt.Errorf("export: stopped")

// exportFile makes an empty file of its own in dir, named by pattern (a *
// is made unique), for an export to be written to.
func exportFile(dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}
