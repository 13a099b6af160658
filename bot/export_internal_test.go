package bot

import (
	"errors"
	"slices"
	"testing"
)

// The writer gets every record the reader emits, in order, whatever their
// number against the batch's.
func TestPipeline_WritesEveryRecordInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 511, 512, 513, 5000} {
		var got []int
		err := pipeline(func(emit func(int) error) error {
			for i := range n {
				if err := emit(i); err != nil {
					return err
				}
			}
			return nil
		}, func(v int) error {
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatalf("%d records: %v", n, err)
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d records: wrote %d, out of order or missing", n, len(got))
		}
	}
}

// A failed write stops the reader (its emit fails, so the walk through the
// bucket ends) and is what the export returns.
func TestPipeline_WriteErrorStopsTheReader(t *testing.T) {
	bad := errors.New("disk full")
	emitted, stoppedWith := 0, error(nil)
	err := pipeline(func(emit func(int) error) error {
		for i := range 1_000_000 {
			if err := emit(i); err != nil {
				stoppedWith = err
				return err
			}
			emitted++
		}
		return nil
	}, func(v int) error {
		if v == 1000 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Errorf("pipeline = %v; want %v", err, bad)
	}
	if !errors.Is(stoppedWith, errStopped) || emitted == 1_000_000 {
		t.Errorf("the reader emitted %d and stopped with %v; want it stopped early with errStopped", emitted, stoppedWith)
	}
}

// A failed read is what the export returns, and the writer stops too.
func TestPipeline_ReadErrorReturned(t *testing.T) {
	bad := errors.New("corrupt record")
	err := pipeline(func(emit func(int) error) error {
		for i := range 2000 {
			if err := emit(i); err != nil {
				return err
			}
		}
		return bad
	}, func(int) error { return nil })
	if !errors.Is(err, bad) {
		t.Errorf("pipeline = %v; want %v", err, bad)
	}
}
