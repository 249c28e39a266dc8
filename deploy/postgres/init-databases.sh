#!/bin/sh
# Runs once, when the PostgreSQL volume is empty (docker-entrypoint-initdb.d): one database per
# service, each owned by its own role, so a service can only reach its own data.
#   SKILLPATH_DATABASES          services that get a database (default: content progress jobs)
#   SKILLPATH_DATABASE_PASSWORD  password of every service role (the services read the same variable)
set -eu
: "${SKILLPATH_DATABASE_PASSWORD:?set SKILLPATH_DATABASE_PASSWORD (see deploy/demo.env)}"
for db in ${SKILLPATH_DATABASES:-content progress jobs}; do
  echo "creating role and database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v pw="$SKILLPATH_DATABASE_PASSWORD" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
  # Flyway creates tables in public; since PostgreSQL 15 only the owner may, so hand it over.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" -c "ALTER SCHEMA public OWNER TO \"$db\""
done
