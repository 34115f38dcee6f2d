#!/usr/bin/env bash
# Install what the project needs and is missing: Debian packages, the virtualenv .venv with the project,
# the Kafka broker jars (Maven Central). Idempotent: a second run takes seconds.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# fonts: DejaVu (extra: Condensed) and Liberation draw the evaluation corpora of bench/unseen_mail and its tests
DEB_PACKAGES=(tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng tesseract-ocr-osd postgresql postgresql-contrib
              default-jre-headless maven fonts-dejavu-core fonts-dejavu-extra fonts-liberation poppler-utils
              python3-venv)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# a JDK that is already on the machine (java 17+) is enough; do not pull a second one
if command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  missing=("${missing[@]/default-jre-headless}")
fi
command -v mvn >/dev/null && missing=("${missing[@]/maven}")
command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null && missing=("${missing[@]/python3-venv}")
# a C compiler and the interpreter's headers for the compiled e-invoice engine (optional: pure Python without them)
optional=()
command -v cc >/dev/null || optional+=(gcc libc6-dev)
"${PYTHON:-python3}" -c 'import os, sysconfig; raise SystemExit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))' \
  2>/dev/null || optional+=(python3-dev)
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: Debian packages ${missing[*]}"
  [ "$(id -u)" = 0 ] || { echo "install: run as root (apt-get) or install: ${missing[*]}" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#optional[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  echo "install: Debian packages ${optional[*]} (optional: to compile the e-invoice validator)"
  { [ ${#missing[@]} -gt 0 ] || apt-get update -qq; } && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null \
    || echo "install: ${optional[*]} not installed, the pure-Python validator is used"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "install: virtualenv .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.aktenfluss-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "install: Python packages (pip install -e .[test], then the optional .[accel])"
  .venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
  .venv/bin/pip install -q --disable-pip-version-check -e '.[accel]' \
    || echo "install: Cython not installed, the pure-Python validator is used"
  echo "$want" > "$stamp"
fi
# the e-invoice validator's hot modules compiled with Cython into .accel/ (rebuilt when a source changed; a failed
# build is reported and the pure-Python modules run)
.venv/bin/aktenfluss accel build \
  || echo "install: compiled e-invoice engine not built, pure Python is used"

if ! ls infra/kafka/.libs/kafka_2.13-*.jar >/dev/null 2>&1; then
  echo "install: Kafka broker jars (mvn dependency:copy-dependencies)"
  bash infra/kafka/kafka.sh fetch
fi
echo "install: ok"
