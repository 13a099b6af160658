package bot

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"sync"
)

// parallelZip is an excelize.ZipWriter that compresses the workbook's parts
// at the same time: each part is spooled to a temporary file as excelize
// writes it, deflated by a goroutine of its own, and the archive is put
// together from the compressed parts at Close. A year's export has two
// large sheets; compressing them one after the other left a core idle.
type parallelZip struct {
	w     io.Writer
	level int
	parts []*zipPart
	cur   *zipPart
}

type zipPart struct {
	name       string
	raw, comp  *os.File
	size       int64
	crc        uint32
	compressed int64
	err        error
	done       chan struct{}
}

func newParallelZip(w io.Writer, level int) *parallelZip { return &parallelZip{w: w, level: level} }

// Create starts the next part; the one before goes to be compressed.
func (z *parallelZip) Create(name string) (io.Writer, error) {
	z.finish()
	raw, err := os.CreateTemp("", "thiduabot-part-*")
	if err != nil {
		return nil, err
	}
	z.cur = &zipPart{name: name, raw: raw, done: make(chan struct{})}
	z.parts = append(z.parts, z.cur)
	return z.cur, nil
}

// Write spools a part's bytes and keeps its checksum.
func (p *zipPart) Write(b []byte) (int, error) {
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.size += int64(len(b))
	return p.raw.Write(b)
}

func (z *parallelZip) finish() {
	p := z.cur
	if p == nil {
		return
	}
	z.cur = nil
	go func() {
		defer close(p.done)
		p.err = p.compress(z.level)
	}()
}

func (p *zipPart) compress(level int) error {
	if _, err := p.raw.Seek(0, io.SeekStart); err != nil {
		return err
	}
	comp, err := os.CreateTemp("", "thiduabot-part-*")
	if err != nil {
		return err
	}
	p.comp = comp
	fw, err := flate.NewWriter(comp, level)
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, p.raw); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	p.compressed, err = comp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	_, err = comp.Seek(0, io.SeekStart)
	return err
}

// AddFS is not used when excelize saves a workbook.
func (z *parallelZip) AddFS(fs.FS) error { return errors.New("parallelZip: AddFS is not supported") }

// Close waits for every part and writes the archive, parts in order.
func (z *parallelZip) Close() error {
	z.finish()
	defer z.cleanup()
	zw := zip.NewWriter(z.w)
	for _, p := range z.parts {
		<-p.done
		if p.err != nil {
			return p.err
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc,
			CompressedSize64: uint64(p.compressed), UncompressedSize64: uint64(p.size)})
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, p.comp); err != nil {
			return err
		}
	}
	return zw.Close()
}

func (z *parallelZip) cleanup() {
	var wg sync.WaitGroup
	for _, p := range z.parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-p.done
			for _, f := range []*os.File{p.raw, p.comp} {
				if f != nil {
					f.Close()
					os.Remove(f.Name())
				}
			}
		}()
	}
	wg.Wait()
}
