#!/usr/bin/env bash
# Command 1: install what is missing, then run Aktenfluss on embedded defaults (local Kafka broker, SQLite,
# folder object store): ingest the samples and serve the API and web inbox until Ctrl-C.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/infra/install.sh"
export OMP_THREAD_LIMIT=1 TESSDATA_PREFIX=${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata/}
exec "$ROOT/.venv/bin/aktenfluss" "${@:-up}"
