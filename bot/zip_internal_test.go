package bot

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// The chunks compressed apart, put end to end, are one DEFLATE stream that
// inflates to the input, whatever its size against the chunk's, and it is
// about as small as one compressed in a single pass.
func TestDeflateChunks_OneStreamAsSmallAsOnePass(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	row := func(i int) string {
		return fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>SK-%d</t></is></c><c r="B%d" s="2"><v>%d</v></c></row>`, i, i, rng.IntN(200000), i, rng.IntN(100))
	}
	var xml bytes.Buffer
	for i := 0; xml.Len() < 5*deflateChunk/2; i++ {
		xml.WriteString(row(i))
	}
	for _, size := range []int{0, 1, 1000, deflateChunk, deflateChunk + 1, xml.Len()} {
		in := xml.Bytes()[:size]
		var out bytes.Buffer
		if err := deflateChunks(&out, bytes.NewReader(in), int64(size), 3); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(flate.NewReader(&out))
		if err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if !bytes.Equal(got, in) {
			t.Fatalf("%d bytes: inflated to %d bytes that differ", size, len(got))
		}
		if size == xml.Len() {
			var one bytes.Buffer
			fw, _ := flate.NewWriter(&one, 3)
			fw.Write(in)
			fw.Close()
			if ratio := float64(out.Len()) / float64(one.Len()); ratio > 1.01 {
				t.Errorf("chunked: %d bytes, one pass: %d (%.3f×)", out.Len(), one.Len(), ratio)
			}
		}
	}
}
