package render

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"sync"

	"github.com/xuri/excelize/v2"
)

// A streamed sheet's XML begins with its dimension, which excelize writes
// when the stream opens, before any row: <dimension ref="A1"/>. Readers
// that trust it (openpyxl in read-only mode, csvkit's in2csv, agate) then
// see the header row only. Each sheet's real dimension is known once its
// rows are written, so it is put in as the sheet's part goes into the
// archive.

// streamedSheets are the sheets of each workbook being written, by name.
var streamedSheets sync.Map // *excelize.File → *sheetsOf

type sheetsOf struct {
	mu     sync.Mutex
	byName map[string]*Sheet
}

// trackSheet records a streamed sheet of f, for its dimension.
func trackSheet(f *excelize.File, name string, sh *Sheet) {
	v, _ := streamedSheets.LoadOrStore(f, &sheetsOf{byName: map[string]*Sheet{}})
	s := v.(*sheetsOf)
	s.mu.Lock()
	s.byName[name] = sh
	s.mu.Unlock()
}

// sheetDimensions are the real dimensions of f's streamed sheets, by the
// path of their part in the archive (excelize names a sheet's part by its
// id: xl/worksheets/sheet<id>.xml); f is forgotten.
func sheetDimensions(f *excelize.File) map[string]string {
	v, ok := streamedSheets.LoadAndDelete(f)
	if !ok {
		return nil
	}
	s := v.(*sheetsOf)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]string{}
	for id, name := range f.GetSheetMap() {
		sh, ok := s.byName[name]
		if !ok {
			continue
		}
		last, err := excelize.CoordinatesToCellName(sh.cols, sh.row)
		if err != nil {
			continue
		}
		out["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = "A1:" + last
	}
	return out
}

// dimensionedZip is the archive writer that puts each streamed sheet's
// real dimension in place of the one excelize wrote.
type dimensionedZip struct {
	excelize.ZipWriter
	dims map[string]string
}

func (z dimensionedZip) Create(name string) (io.Writer, error) {
	w, err := z.ZipWriter.Create(name)
	if ref, ok := z.dims[name]; ok && err == nil {
		return &dimensionWriter{w: w, ref: ref}, nil
	}
	return w, err
}

// dimensionElement is the dimension excelize's stream writer writes:
// <dimension ref="A1"></dimension> (or, self-closed, <dimension ref="A1"/>).
var dimensionElement = regexp.MustCompile(`<dimension ref="[^"]*"\s*(?:/>|></dimension>)`)

// dimensionWriter holds back the head of a sheet's XML until it has seen
// the dimension (within the first few hundred bytes), writes the real
// dimension in its place, and passes the rest through.
type dimensionWriter struct {
	w    io.Writer
	ref  string
	head []byte
	done bool
}

// headLimit bounds what is held back: the dimension comes before any row.
const headLimit = 64 << 10

func (d *dimensionWriter) Write(p []byte) (int, error) {
	if d.done {
		return d.w.Write(p)
	}
	d.head = append(d.head, p...)
	if loc := dimensionElement.FindIndex(d.head); loc != nil {
		real := []byte(`<dimension ref="` + d.ref + `"/>`)
		out := append(append(append([]byte{}, d.head[:loc[0]]...), real...), d.head[loc[1]:]...)
		d.done, d.head = true, nil
		if _, err := d.w.Write(out); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if len(d.head) > headLimit || bytes.Contains(d.head, []byte("<sheetData")) {
		// No placeholder before the rows: leave the part as it is.
		out := d.head
		d.done, d.head = true, nil
		if _, err := d.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
