import { GENESIS } from '../../audit/hash-chain.js';

/**
 * The schema, as numbered steps. A step, once released, is never edited: a change to the
 * schema is a new step, so every database walks the same path.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'audit chain, state, leases, job events',
    sql: `
      -- time is the exact ISO 8601 text that was hashed (a timestamptz would re-render it).
      CREATE TABLE audit (
        seq bigint PRIMARY KEY,
        time text NOT NULL,
        actor jsonb NOT NULL,
        action text NOT NULL,
        job_id text,
        targets text[],
        outcome text,
        detail jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_job_id ON audit (job_id);
      CREATE INDEX audit_action ON audit (action);
      -- The chain head: every append locks this one row, so appends from all processes form one chain.
      CREATE TABLE audit_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO audit_head (seq, hash) VALUES (0, '${GENESIS}');

      -- A sequence never hands out a number twice, even to transactions that roll back.
      CREATE SEQUENCE job_number;
      CREATE TABLE running_jobs (
        id text PRIMARY KEY,
        record jsonb NOT NULL,
        owner text,
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE changing_devices (
        job_id text NOT NULL,
        device text NOT NULL,
        PRIMARY KEY (job_id, device)
      );
      -- A decided change keeps its row: a retried click finds it decided instead of pending.
      CREATE TABLE pending_changes (
        id text PRIMARY KEY,
        record jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'dropped')),
        decided_by text,
        decided_at timestamptz
      );
      CREATE INDEX pending_changes_pending ON pending_changes (id) WHERE state = 'pending';

      CREATE SEQUENCE lease_token;
      CREATE TABLE leases (
        key text PRIMARY KEY,
        holder text NOT NULL,
        token bigint NOT NULL,
        expires_at timestamptz NOT NULL
      );

      -- Takes every key or none, in one statement (one round trip): a free or expired row is
      -- taken with a new token; if any key is held elsewhere the statement fails with NX001
      -- and, being one statement, leaves nothing behind. Keys arrive sorted, so overlapping
      -- attempts lock rows in the same order (no deadlock).
      CREATE FUNCTION take_leases(keys text[], who text, ttl_secs double precision)
      RETURNS TABLE (key text, token bigint) LANGUAGE plpgsql AS $$
      DECLARE taken int;
      BEGIN
        RETURN QUERY
          INSERT INTO leases AS l (key, holder, token, expires_at)
          SELECT k, who, nextval('lease_token'), now() + make_interval(secs => ttl_secs)
          FROM unnest(keys) WITH ORDINALITY AS u(k, i) ORDER BY i
          ON CONFLICT ON CONSTRAINT leases_pkey DO UPDATE
            SET holder = excluded.holder, token = excluded.token, expires_at = excluded.expires_at
            WHERE l.expires_at <= now()
          RETURNING l.key, l.token;
        GET DIAGNOSTICS taken = ROW_COUNT;
        IF taken < cardinality(keys) THEN
          RAISE EXCEPTION 'lease held elsewhere' USING ERRCODE = 'NX001';
        END IF;
      END $$;

      CREATE TABLE job_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id text NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        worker text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX job_events_job ON job_events (job_id, seq);
    `,
  },
  {
    version: 2,
    name: 'one final result per device of a job; device lookups by index',
    sql: `
      -- A device of a job has one result, whoever writes it (its worker, a late worker, the
      -- front reporting a dead worker): the database refuses a second, so no race can make two.
      CREATE UNIQUE INDEX job_events_one_result ON job_events (job_id, (payload->>'device')) WHERE kind = 'device-result';
      CREATE INDEX job_events_device_started ON job_events (job_id, (payload->>'device'), seq) WHERE kind = 'device-started';
    `,
  },
  {
    version: 3,
    name: 'configuration backups (issue 15)',
    sql: `
      -- One row per stored version; an identical consecutive version is never a row (pg-backup-store.ts).
      CREATE TABLE config_backups (
        device text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        taken_at timestamptz NOT NULL,
        actor jsonb NOT NULL,
        job_id text NOT NULL,
        secrets text NOT NULL CHECK (secrets IN ('mask', 'keep')),
        sha256 text NOT NULL,
        lines int NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (device, version)
      );
    `,
  },
  {
    version: 4,
    name: 'Confirm button offers shared by every front',
    sql: `
      -- issue 16: a click on a Confirm button reaches any front, so its offer lives here. A claim
      -- is one DELETE of the owner's row, so of two fronts handed the same click one runs it.
      -- expires_at is epoch milliseconds of the injected clock, as the port's records carry it.
      CREATE TABLE confirm_offers (
        token text PRIMARY KEY,
        user_id text NOT NULL,
        record jsonb NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX confirm_offers_expiry ON confirm_offers (expires_at);
    `,
  },
  {
    version: 5,
    name: 'the audit record start-up last verified the chain to',
    sql: `
      -- The trail's "sealed" past: each start verifies the chain from this record to the head
      -- (not the whole table every time) and moves it to the head it verified. audit:verify
      -- still walks everything.
      CREATE TABLE audit_checkpoint (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL,
        hash text NOT NULL,
        verified_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO audit_checkpoint (seq, hash) VALUES (0, '${GENESIS}');
    `,
  },
  {
    version: 6,
    name: 'why a configuration backup was taken (manual, scheduled, after a change)',
    sql: `
      -- NULL on versions stored before it: shown as they always were.
      ALTER TABLE config_backups ADD COLUMN reason text;
    `,
  },
];
