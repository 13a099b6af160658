package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"thiduabot/storage"
)

// While a migration runs, /healthz answers 503 "migrating" with how far it
// is and the time left.
func TestMigrating_HealthzAnswers503Migrating(t *testing.T) {
	status := func() (storage.MigrationStatus, bool) {
		return storage.MigrationStatus{To: 9, Started: time.Now().Add(-30 * time.Second), Done: 250, Total: 1000}, true
	}
	rec := httptest.NewRecorder()
	migratingHandler(status).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var h map[string]any
	json.NewDecoder(rec.Body).Decode(&h)
	if rec.Code != http.StatusServiceUnavailable || h["database"] != "migrating" || h["migration_left"] != "1m30s" || h["migration_done"] != 250.0 {
		t.Errorf("/healthz during a migration = %d %v; want 503 migrating, 250 of 1000 done, 1m30s left", rec.Code, h)
	}
}

// The address answers while the database opens, and is free for the
// bot's endpoints once it is open.
func TestMigrating_TheAddressIsServedThenHandedOver(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	stop := serveWhileOpening(addr, slog.New(slog.NewTextHandler(io.Discard, nil)))
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/healthz while opening = %d; want 503", resp.StatusCode)
	}
	stop()
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("the address is not free after the opening: %v", err)
	}
	ln.Close()
}
