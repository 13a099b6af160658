package bot

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

// Small calls go with their length in one piece; an upload larger than
// smallCall streams, whole.
func TestAPITransport_SmallCallsWithLengthUploadsStreamed(t *testing.T) {
	type seen struct {
		length  int64
		chunked bool
		body    []byte
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- seen{r.ContentLength, slices.Contains(r.TransferEncoding, "chunked"), body}
	}))
	defer srv.Close()
	client := &http.Client{Transport: newAPITransport(4)}
	for _, size := range []int{100, smallCall, smallCall + 1, 3 * smallCall} {
		want := bytes.Repeat([]byte("a"), size)
		pr, pw := io.Pipe()
		go func() { pw.Write(want); pw.Close() }()
		resp, err := client.Post(srv.URL, "application/octet-stream", pr)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		s := <-got
		if !bytes.Equal(s.body, want) {
			t.Errorf("%d bytes: the server got %d", size, len(s.body))
		}
		if small := size <= smallCall; small != (s.length == int64(size)) || small == s.chunked {
			t.Errorf("%d bytes: length %d, chunked %v", size, s.length, s.chunked)
		}
	}
	// A body that fails to be read fails the call.
	pr, pw := io.Pipe()
	pw.CloseWithError(errors.New("disk gone"))
	if _, err := client.Post(srv.URL, "application/octet-stream", pr); err == nil {
		t.Error("a call whose body failed went out")
	}
}
