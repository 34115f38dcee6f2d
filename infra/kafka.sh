#!/usr/bin/env bash
# Start/stop the project's Kafka broker: see infra/kafka/kafka.sh for commands and settings.
exec bash "$(dirname "${BASH_SOURCE[0]}")/kafka/kafka.sh" "$@"
