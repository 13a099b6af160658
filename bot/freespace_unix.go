//go:build unix

package bot

import "syscall"

// freeSpace returns the bytes an unprivileged writer may still use on the
// volume holding dir.
func freeSpace(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return st.Bavail * uint64(st.Bsize), nil
}
