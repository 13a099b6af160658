//go:build !unix

package bot

import "errors"

// freeSpace is not known where statfs is missing.
func freeSpace(string) (uint64, error) { return 0, errors.New("free space unknown on this system") }
