package bot

import (
	"time"

	"thiduabot/storage"
)

// HatangEveryUnit is what /hatang shows a director and each unit, on the
// server, for the benchmarks: the overview and every unit's view.
func HatangEveryUnit(b *Bot, tx *storage.Tx, now time.Time) (int, error) {
	text, _, err := b.hatangOverview(tx, "vi", now)
	if err != nil {
		return 0, err
	}
	n := len(text)
	units, err := tx.Units()
	if err != nil {
		return 0, err
	}
	for _, u := range units {
		t, _, _, err := b.hatangUnitText(tx, "vi", u, now)
		if err != nil {
			return 0, err
		}
		n += len(t)
	}
	return n, nil
}
