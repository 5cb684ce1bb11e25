# Remote file refresh, version history and alerts.
