#!/bin/sh
# Starts Superset with an admin user and the two databases of the tour registered, as the
# seed demo did through Superset's API: "Warehouse" (MySQL) and "Streambased" (SQL on Kafka,
# whichever server speaks the Trino protocol). Runs as root in the official image.
set -eu

# The drivers, pinned; installed once per container (a restart finds them and skips this).
DRIVERS="PyMySQL==1.1.1 trino==0.333.0"
if ! python - "$DRIVERS" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
try:
    wanted = [spec.split("==") for spec in sys.argv[1].split()]
    sys.exit(0 if all(version(name) == pinned for name, pinned in wanted) else 1)
except PackageNotFoundError:
    sys.exit(1)
PY
then
  # shellcheck disable=SC2086
  pip install --quiet --no-cache-dir $DRIVERS
fi

if [ -z "${SUPERSET_SECRET_KEY:-}" ]; then
  key_file=/app/superset_home/secret_key
  [ -s "$key_file" ] || python -c 'import secrets; print(secrets.token_urlsafe(42))' > "$key_file"
  SUPERSET_SECRET_KEY="$(cat "$key_file")"
  export SUPERSET_SECRET_KEY
fi

superset db upgrade
superset fab create-admin --username admin --firstname Slow --lastname Data \
  --email admin@localhost --password "$SUPERSET_ADMIN_PASSWORD" || true
superset init

warehouse_password="$(python -c 'import os, urllib.parse; print(urllib.parse.quote(os.environ["WAREHOUSE_PASSWORD"], safe=""))')"
superset set-database-uri --database_name Warehouse \
  --uri "mysql+pymysql://slowdata:${warehouse_password}@db:3306/warehouse"
superset set-database-uri --database_name Streambased \
  --uri "trino://slowdata@${KAFKA_SQL_HOST}:8080/kafka/default"

exec gunicorn --bind 0.0.0.0:8088 --workers 2 --timeout 120 "superset.app:create_app()"
