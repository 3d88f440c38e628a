package main

// FerretDB 1.24's PostgreSQL backend cannot use its own indexes. It stores each document as
// one jsonb column and makes a MongoDB index a btree on an expression such as
// (_jsonb -> 'dueBucket'). Its equality pushdown is `_jsonb -> $1 @> $2`, with the key as a
// parameter and containment as the operator, and a btree serves neither. So every filter,
// `{ _id }` included, scans the whole table: 10 ms a lookup at 20,000 documents, 75-130 ms at
// 100,000. MongoDB, and FerretDB's SQLite backend, serve the same lookups from the index.
//
// Two settings make PostgreSQL do what FerretDB's indexes meant, without changing a query:
//   - every btree FerretDB creates on a document path gets a GIN twin on its leading key
//     (jsonb_path_ops serves `@>`). An event trigger makes it when FerretDB creates the index,
//     so the twin exists for indexes made later too, and a backfill covers what exists already.
//   - the twins are made with fastupdate off. With it on, PostgreSQL queues new entries in a
//     pending list that every lookup reads through until a vacuum merges it: after a bulk
//     insert of 20,000 documents, a page of 500 updates by `_id` took 1.4 s, and 0.74 s with
//     it off (the inserts pay for the entry at once instead).
//   - plan_cache_mode = force_custom_plan: FerretDB's driver (pgx) prepares each statement
//     once. PostgreSQL's generic plan does not know the key $1, so it can only scan, and once
//     it has settled on that plan (early, while the tables are small) it keeps it.
//
// The index only narrows which rows are read: PostgreSQL rechecks each one, and FerretDB
// filters again, so results are the same with or without it.

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

const equalityIndexSQL = `
CREATE OR REPLACE FUNCTION ferretdb_equality_twins(index_oid oid) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  idx record;
  expr text;
BEGIN
  SELECT i.indrelid::regclass AS tbl, c.relname AS tname
    INTO idx
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_am am ON am.oid = ic.relam
    JOIN pg_class c ON c.oid = i.indrelid
   WHERE i.indexrelid = index_oid AND am.amname = 'btree';
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- The leading key only: MongoDB's compound index serves its prefix, not a later key alone,
  -- and a twin on a key like status would cost every write for reads that never use it.
  expr := pg_get_indexdef(index_oid, 1, true);
  IF expr ~ '^\(?_jsonb (->|#>) ' THEN
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops) WITH (fastupdate = off)',
      left(idx.tname, 40) || '_eq_' || left(md5(expr), 12), idx.tbl, expr);
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION ferretdb_equality_twins_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands()
              WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    PERFORM ferretdb_equality_twins(cmd.objid);
  END LOOP;
END
$fn$;

DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'ferretdb_equality_twins') THEN
    CREATE EVENT TRIGGER ferretdb_equality_twins ON ddl_command_end
      WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION ferretdb_equality_twins_on_create();
  END IF;
END
$do$;

SELECT ferretdb_equality_twins(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
`

// serveEqualityFromIndexes installs the GIN twins and the plan setting on the cluster, before
// FerretDB connects. It is idempotent, so a launcher restarted on the same cluster runs it again.
func (c *cluster) serveEqualityFromIndexes() error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.url())
	if err != nil {
		return fmt.Errorf("equality indexes: %w", err)
	}
	defer conn.Close(ctx)
	// ALTER SYSTEM cannot run inside the implicit transaction of a multi-statement string.
	for _, q := range []string{
		"ALTER SYSTEM SET plan_cache_mode = force_custom_plan",
		"SELECT pg_reload_conf()",
		equalityIndexSQL,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("equality indexes: %w", err)
		}
	}
	return nil
}
