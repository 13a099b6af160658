package bot

import (
	"context"
	"io"
	"log/slog"
	"strings"
)

// NewLogger makes the bot's logger: text or JSON at the given level, with
// the bot token cut out of every message and attribute, whatever logged it.
func NewLogger(w io.Writer, format, level, token string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	if token != "" {
		h = redactHandler{Handler: h, token: token}
	}
	return slog.New(h)
}

type redactHandler struct {
	slog.Handler
	token string
}

func (h redactHandler) cut(s string) string { return strings.ReplaceAll(s, h.token, "<token>") }

func (h redactHandler) attr(a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.cut(a.Value.String()))
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, h.cut(err.Error()))
		}
		return slog.String(a.Key, h.cut(a.Value.String()))
	case slog.KindGroup:
		attrs := a.Value.Group()
		out := make([]any, len(attrs))
		for i, x := range attrs {
			out[i] = h.attr(x)
		}
		return slog.Group(a.Key, out...)
	}
	return a
}

func (h redactHandler) Handle(ctx context.Context, r slog.Record) error {
	clean := slog.NewRecord(r.Time, r.Level, h.cut(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		clean.AddAttrs(h.attr(a))
		return true
	})
	return h.Handler.Handle(ctx, clean)
}

func (h redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return redactHandler{Handler: h.Handler.WithAttrs(clean), token: h.token}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{Handler: h.Handler.WithGroup(name), token: h.token}
}
