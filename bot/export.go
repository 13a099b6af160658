package bot

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
	"golang.org/x/sync/errgroup"

	"thiduabot/storage"
)

// heavy commands read much and write nothing: they are prepared in a read
// transaction before the update's own transaction, so a large export never
// holds up other people's writes.
var heavy = map[string]func(*Bot, *storage.Tx, Request, storage.Member) ([]storage.Message, error){
	"export":  (*Bot).prepareExport,
	"commend": (*Bot).prepareCommend,
}

// exportDir is where export files wait for their upload.
func (b *Bot) exportDir() string {
	return filepath.Join(filepath.Dir(b.cfg.Storage.Path), "exports")
}

// cmdExport and cmdCommend send what was prepared for them.
func (b *Bot) cmdPrepared(c *Ctx) error {
	if c.Req.Group {
		return storage.Errorf(storage.EForbidden, "err.private_only")
	}
	if c.prepErr != nil {
		return c.prepErr
	}
	for _, m := range c.prepared {
		if m.Method == storage.MethodSendMessage {
			if err := c.Reply(m.Text); err != nil {
				return err
			}
			continue
		}
		m.ChatID = c.Req.ChatID
		if _, err := c.Enqueue(m); err != nil {
			return err
		}
	}
	return nil
}

// zipLevel is the workbook's compression, in klauspost/compress's levels.
// Telegram takes files up to 50 MB: a year's export is 43.4 MB at level 5
// (smaller than the standard library's level 3 made it, in less CPU time),
// 48.6 MB at level 4 and 50.2 MB at level 3.
const zipLevel = 5

// newWorkbook makes a workbook.
func newWorkbook() *excelize.File { return excelize.NewFile() }

// saveWorkbook writes f to path, its parts deflated at zipLevel by
// klauspost/compress's deflate, which archive/zip is given in place of its
// own (the same format, in less time), and the archive written straight to
// the file (excelize's own SaveAs first builds the whole file in memory).
func saveWorkbook(f *excelize.File, path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, zipLevel) })
		return zw
	})
	if _, err := f.WriteToBuffer(); err != nil { // the buffer stays empty: the parts went to out
		out.Close()
		return err
	}
	return out.Close()
}

// Cell styles of the workbooks.
type xlsxStyles struct{ header, date, money int }

func newStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}}}); err != nil {
		return s, err
	}
	dateFmt := "dd/mm/yyyy hh:mm"
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return s, err
	}
	moneyFmt := `#,##0 "đ"`
	s.money, err = f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
	return s, err
}

// sheet streams one sheet: a bold, frozen header row, then rows.
type sheet struct {
	sw  *excelize.StreamWriter
	row int
	st  xlsxStyles
	loc *time.Location
}

func newSheet(f *excelize.File, name string, st xlsxStyles, loc *time.Location, headers ...string) (*sheet, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	for i := range headers {
		sw.SetColWidth(i+1, i+1, 18)
	}
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return nil, err
	}
	return &sheet{sw: sw, row: 1, st: st, loc: loc}, nil
}

// Values of a row: a time becomes a date cell, a vnd a money cell.
type vnd int64

func (s *sheet) add(values ...any) error {
	s.row++
	cells := make([]any, len(values))
	for i, v := range values {
		switch x := v.(type) {
		case time.Time:
			if x.IsZero() {
				cells[i] = ""
			} else {
				// Excel has no zones: write the organisation's wall time.
				w := x.In(s.loc)
				cells[i] = excelize.Cell{StyleID: s.st.date, Value: time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)}
			}
		case vnd:
			cells[i] = excelize.Cell{StyleID: s.st.money, Value: int64(x)}
		default:
			cells[i] = v
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	return s.sw.SetRow(cell, cells)
}

func (s *sheet) flush() error { return s.sw.Flush() }

// prepareExport writes the period's workbook (ideas with their history,
// progress, reports, the leaderboard, waste reports) and a CSV of ideas,
// streaming, so memory stays flat however large the data.
func (b *Bot) prepareExport(tx *storage.Tx, req Request, me storage.Member) ([]storage.Message, error) {
	lang := b.langOf(me)
	s, err := b.parseSpan(req.Args)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(b.exportDir(), 0o750); err != nil {
		return nil, err
	}
	stamp := fmt.Sprintf("%s-%d", s.key, b.Now().UnixNano())
	xlsxPath := filepath.Join(b.exportDir(), "thidua-"+stamp+".xlsx")
	csvPath := filepath.Join(b.exportDir(), "sang-kien-"+stamp+".csv")
	n, err := b.writeExport(tx, lang, s, xlsxPath, csvPath)
	if err != nil {
		os.Remove(xlsxPath)
		os.Remove(csvPath)
		return nil, err
	}
	label := periodName(lang, s.kind, s.start)
	return []storage.Message{
		{Method: storage.MethodSendDocument, Text: T(lang, "export.caption", label, n), Document: &storage.Document{Name: "thi-dua-" + strings.ToLower(s.key) + ".xlsx", Path: xlsxPath}},
		{Method: storage.MethodSendDocument, Text: T(lang, "export.csv"), Document: &storage.Document{Name: "sang-kien-" + strings.ToLower(s.key) + ".csv", Path: csvPath}},
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

func (b *Bot) writeExport(tx *storage.Tx, lang string, s span, xlsxPath, csvPath string) (int, error) {
	f := newWorkbook()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return 0, err
	}
	in := func(t time.Time) bool { return !t.Before(s.start) && t.Before(s.end) }
	names := map[int64]string{}
	name := func(id int64) string {
		if n, ok := names[id]; ok {
			return n
		}
		m, _, _ := tx.Member(id)
		names[id] = m.Name()
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
	ideaHeaders := []string{T(lang, "x.ref"), T(lang, "x.title"), T(lang, "x.theme"), T(lang, "x.author"), T(lang, "x.unit"), T(lang, "x.status"), T(lang, "x.submitted"), T(lang, "x.estimate"), T(lang, "x.saved"), T(lang, "x.percent"), T(lang, "x.score"), T(lang, "x.description"), T(lang, "x.history")}
	w.Write(ideaHeaders)
	ideas, err := newSheet(f, T(lang, "x.sheet_ideas"), st, b.loc, ideaHeaders...)
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
				h := FormatTime(e.At, b.loc) + " " + T(lang, "idea."+string(e.Status)) + " (" + name(e.Actor) + ")"
				if e.Note != "" && e.Note != "resubmitted" {
					h += ": " + e.Note
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
		theme, status := T(lang, "theme."+string(idea.Theme)), T(lang, "idea."+string(idea.Status))
		w.Write([]string{idea.Ref(), idea.Title, theme, r.author, idea.Unit, status, FormatTime(idea.CreatedAt, b.loc),
			strconv.FormatInt(idea.EstSavings, 10), strconv.FormatInt(idea.Saved, 10), strconv.Itoa(idea.Percent), score, idea.Description, r.history})
		return ideas.add(idea.Ref(), idea.Title, theme, r.author, idea.Unit, status, idea.CreatedAt,
			vnd(idea.EstSavings), vnd(idea.Saved), idea.Percent, score, idea.Description, r.history)
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
	if err := ideas.flush(); err != nil {
		return 0, err
	}

	progress, err := newSheet(f, T(lang, "x.sheet_progress"), st, b.loc, T(lang, "x.ref"), T(lang, "x.when"), T(lang, "x.percent"), T(lang, "x.saved"), T(lang, "x.note"))
	if err != nil {
		return 0, err
	}
	err = pipeline(func(emit func(storage.Progress) error) error { return tx.EachProgress(emit) }, func(p storage.Progress) error {
		if !in(p.At) {
			return nil
		}
		return progress.add("SK-"+strconv.FormatUint(p.IdeaID, 10), p.At, p.Percent, vnd(p.Saved), p.Note)
	})
	if err != nil {
		return 0, err
	}
	if err := progress.flush(); err != nil {
		return 0, err
	}

	reports, err := newSheet(f, T(lang, "x.sheet_reports"), st, b.loc, T(lang, "x.period"), T(lang, "x.due"), T(lang, "x.unit"), T(lang, "x.saved"), T(lang, "x.infra"), T(lang, "x.file"), T(lang, "x.when"), T(lang, "x.on_time"))
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
		if !in(p.Due) {
			continue
		}
		for _, u := range units {
			r, ok, err := tx.Report(p.Key, u.Code)
			if err != nil {
				return 0, err
			}
			punctual := T(lang, "x.missing")
			if ok {
				punctual = T(lang, map[bool]string{true: "x.late", false: "x.in_time"}[r.Late])
			}
			if err := reports.add(p.Name, p.Due, u.Code, vnd(r.Saved), r.Infra, r.DocName, r.At, punctual); err != nil {
				return 0, err
			}
		}
	}
	if err := reports.flush(); err != nil {
		return 0, err
	}

	board, err := newSheet(f, T(lang, "x.sheet_board"), st, b.loc, T(lang, "x.rank"), T(lang, "x.who"), T(lang, "x.unit"), T(lang, "x.points"))
	if err != nil {
		return 0, err
	}
	members, err := tx.Ranking(s.key, false)
	if err != nil {
		return 0, err
	}
	for _, r := range members {
		m, _, _ := tx.Member(r.Member)
		if err := board.add(r.Rank, m.Name(), m.Unit, r.Points); err != nil {
			return 0, err
		}
	}
	ranked, err := tx.Ranking(s.key, true)
	if err != nil {
		return 0, err
	}
	for _, r := range ranked {
		u, _, _ := tx.Unit(r.Unit)
		if err := board.add(r.Rank, u.Name, u.Code, r.Points); err != nil {
			return 0, err
		}
	}
	if err := board.flush(); err != nil {
		return 0, err
	}

	// Only directors and admins export, and they may see who reported waste.
	waste, err := newSheet(f, T(lang, "x.sheet_waste"), st, b.loc, T(lang, "x.ref"), T(lang, "x.status"), T(lang, "x.reporter"), T(lang, "x.when"), T(lang, "x.description"), T(lang, "x.outcome"))
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
		if err := waste.add(wr.Ref(), T(lang, "waste."+string(wr.Status)), name(wr.Reporter), wr.CreatedAt, wr.Description, wr.Outcome); err != nil {
			return 0, err
		}
	}
	if err := waste.flush(); err != nil {
		return 0, err
	}
	f.DeleteSheet("Sheet1")
	return count, saveWorkbook(f, xlsxPath)
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
