package tgtest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/go-telegram/bot/models"

	"thiduabot/bot/tgtest"
)

func TestServer_GetUpdatesConfirmsWithOffset(t *testing.T) {
	s := tgtest.New(t)
	id := s.SendText(tgtest.User{ID: 42}, "một")
	s.SendText(tgtest.User{ID: 42}, "hai")
	var ans struct {
		Result []models.Update `json:"result"`
	}
	get := func(offset int64) {
		resp, err := http.PostForm(s.URL+"/bot"+s.Token+"/getUpdates", url.Values{"offset": {strconv.FormatInt(offset, 10)}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(&ans)
	}
	get(0)
	if len(ans.Result) != 2 || ans.Result[0].Message.Text != "một" {
		t.Fatalf("first getUpdates = %+v", ans.Result)
	}
	get(0) // not confirmed: the same again
	if len(ans.Result) != 2 {
		t.Fatalf("unconfirmed updates were lost: %+v", ans.Result)
	}
	get(id + 1)
	if len(ans.Result) != 1 || ans.Result[0].Message.Text != "hai" {
		t.Fatalf("after confirming the first: %+v", ans.Result)
	}
}
