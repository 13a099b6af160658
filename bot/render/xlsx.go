// Package render writes what the bot shows as files and pictures: the
// workbooks (XLSX, streamed, their parts deflated as they are written),
// the bar charts (PNG for the chat, SVG for the tests) and the
// dashboard's SVG. It takes plain data — rows, series, labels already in
// the reader's language — and knows nothing of the bot or the database.
package render

import (
	"archive/zip"

	"io"
	"os"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// zipLevel is the workbook's compression, in klauspost/compress's levels.
// Telegram takes files up to 50 MB: a year's export is 43.4 MB at level 5
// (less than the standard library's level 3 made, for two thirds of its
// CPU time), 48.6 MB at level 4 and 50.2 MB at level 3.
const zipLevel = 5

// NewWorkbook makes a workbook.
func NewWorkbook() *excelize.File { return excelize.NewFile() }

// SaveWorkbook writes f to path (WriteWorkbook).
func SaveWorkbook(f *excelize.File, path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteWorkbook(f, out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// WriteWorkbook writes f to out, its parts deflated at zipLevel by
// klauspost/compress's deflate, which archive/zip is given in place of its
// own (the same format, in less time), and the archive written straight to
// out (excelize's own SaveAs first builds the whole file in memory).
func WriteWorkbook(f *excelize.File, out io.Writer) error {
	dims := sheetDimensions(f)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, zipLevel) })
		return dimensionedZip{zw, dims}
	})
	_, err := f.WriteToBuffer() // the buffer stays empty: the parts went to out
	return err
}

// Styles are the cell styles of a workbook.
type Styles struct{ header, date, money int }

// NewStyles makes f's styles: a bold header, dates, and money written in
// lang's way.
func NewStyles(f *excelize.File, lang string) (Styles, error) {
	var s Styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}}}); err != nil {
		return s, err
	}
	dateFmt := "dd/mm/yyyy hh:mm"
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return s, err
	}
	moneyFmt := `#,##0 "đ"`
	if lang == "en" {
		moneyFmt = `"VND "#,##0`
	}
	s.money, err = f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
	return s, err
}

// Sheet streams one sheet: a bold, frozen header row, then rows.
type Sheet struct {
	sw   *excelize.StreamWriter
	row  int
	cols int // the widest row so far: with row, the sheet's dimension
	st   Styles
	loc  *time.Location
}

// NewSheet adds the sheet name to f, headed by headers; times in its rows
// are written as loc's wall time.
func NewSheet(f *excelize.File, name string, st Styles, loc *time.Location, headers ...string) (*Sheet, error) {
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
	sh := &Sheet{sw: sw, row: 1, cols: max(1, len(headers)), st: st, loc: loc}
	trackSheet(f, name, sh)
	return sh, nil
}

// Money is an amount in đồng, written as a money cell.
type Money int64

// Add writes a row: a time becomes a date cell, Money a money cell.
func (s *Sheet) Add(values ...any) error {
	s.row++
	s.cols = max(s.cols, len(values))
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
		case Money:
			cells[i] = excelize.Cell{StyleID: s.st.money, Value: int64(x)}
		default:
			cells[i] = v
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	return s.sw.SetRow(cell, cells)
}

// Flush ends the sheet.
func (s *Sheet) Flush() error { return s.sw.Flush() }
