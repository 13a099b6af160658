package bot

import (
	"bytes"
	"io"
	"net/http"
)

// smallCall is the largest request body apiTransport holds in memory
// before sending: every call but a file upload fits.
const smallCall = 64 << 10

// apiTransport carries the client's Bot API calls.
//
// go-telegram/bot streams each call's multipart form through a pipe, so
// net/http sends it chunked and flushes every chunk: a sendMessage with a
// keyboard took a dozen write syscalls, on both sides of the connection. A
// call that fits in smallCall is read into memory first and sent with its
// length, headers and body in one write; an upload still streams.
//
// It also keeps as many idle connections as the sender has calls in
// flight: net/http keeps two per host by default, so the rest of a burst
// opened, and closed, a connection per call.
type apiTransport struct{ base http.RoundTripper }

func newAPITransport(maxConns int) *apiTransport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = maxConns
	t.MaxIdleConns = 2 * maxConns
	return &apiTransport{base: t}
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.ContentLength > 0 {
		return t.base.RoundTrip(req)
	}
	head, err := io.ReadAll(io.LimitReader(req.Body, smallCall+1))
	if err != nil {
		req.Body.Close()
		return nil, err
	}
	r := req.Clone(req.Context())
	if len(head) <= smallCall { // the whole body
		req.Body.Close()
		r.ContentLength = int64(len(head))
		r.Body = io.NopCloser(bytes.NewReader(head))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(head)), nil }
		return t.base.RoundTrip(r)
	}
	// An upload: what was read goes first, the rest streams after it.
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), req.Body), req.Body}
	r.GetBody = nil
	return t.base.RoundTrip(r)
}
