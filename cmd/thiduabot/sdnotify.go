package main

import (
	"net"
	"os"
)

// sdNotify tells systemd the service's state (sd_notify(3)): the unit is
// Type=notify, so `systemctl start` waits for READY=1, which the bot sends
// once the database is open and migrated, and TimeoutStartSec covers a long
// migration. Without NOTIFY_SOCKET (not under systemd) it does nothing.
func sdNotify(state string) error {
	name := os.Getenv("NOTIFY_SOCKET")
	if name == "" {
		return nil
	}
	if name[0] == '@' { // an abstract socket
		name = "\x00" + name[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: name, Net: "unixgram"})
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte(state))
	return err
}
