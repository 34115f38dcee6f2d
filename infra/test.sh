#!/usr/bin/env bash
# Command 2: install what is missing, start PostgreSQL and the S3 server (moto), run the whole test suite:
# unit tests, SQL tests on SQLite and PostgreSQL, S3 over HTTP, pipeline tests on a fresh Kafka broker
# (started by the tests via infra/kafka.sh), and the conformance/accuracy tests on ../shared when present.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash infra/install.sh
export OMP_THREAD_LIMIT=1 TESSDATA_PREFIX=${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata/}
export AKTENFLUSS_REQUIRE_SERVICES=${AKTENFLUSS_REQUIRE_SERVICES:-1}
started=()
cleanup() { for s in "${started[@]}"; do bash "infra/$s.sh" stop >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
for s in postgres s3; do
  if ! bash "infra/$s.sh" status >/dev/null 2>&1; then started+=("$s"); fi
done
AKTENFLUSS_TEST_PG_URL=$(bash infra/postgres.sh start | tail -n 1)
AKTENFLUSS_TEST_S3_URL=$(bash infra/s3.sh start | tail -n 1)
export AKTENFLUSS_TEST_PG_URL AKTENFLUSS_TEST_S3_URL
set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
rc=$?
set -e
[ $rc -eq 5 ] && { echo "no tests collected" >&2; exit 1; }
exit $rc
