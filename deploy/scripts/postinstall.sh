#!/bin/sh
# After unpacking (.deb: "configure"; .rpm: 1 on install, 2 on upgrade):
# the bot's own system user, its state directory, and systemd told of the
# unit. It does not start or enable the service: the configuration needs the
# organisation's people and the token first (docs/operations.md).
set -e

if ! getent group thiduabot >/dev/null; then
	groupadd --system thiduabot
fi
if ! getent passwd thiduabot >/dev/null; then
	useradd --system --gid thiduabot --home-dir /var/lib/thiduabot --no-create-home \
		--shell /usr/sbin/nologin --comment "thiduabot Telegram bot" thiduabot
fi

# The database and its backups. systemd's StateDirectory= makes it too, but
# an operator's `sudo -u thiduabot thiduabot restore` may come first.
install -d -o thiduabot -g thiduabot -m 0750 /var/lib/thiduabot

# The configuration may hold the token: the bot's group reads it, no one else.
chown root:thiduabot /etc/thiduabot /etc/thiduabot/config.toml
chmod 0750 /etc/thiduabot
chmod 0640 /etc/thiduabot/config.toml
chown root:root /etc/thiduabot/env
chmod 0600 /etc/thiduabot/env

if [ -d /run/systemd/system ]; then
	systemctl daemon-reload || true
	# An upgrade restarts a running bot on the new binary (it migrates the
	# file at start-up; take a backup first: docs/operations.md).
	if systemctl is-active --quiet thiduabot; then
		systemctl restart thiduabot || true
	fi
fi
exit 0
