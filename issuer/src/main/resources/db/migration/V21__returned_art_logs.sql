-- Returned ARTs that anyone may send (the return carries no device seal) and inspection that
-- follows an ART's log as it grows, in addition to V1 and V20. Same conventions as V1: BYTEA,
-- BIGINT epoch seconds, no vendor upserts.

-- ART factory: every distinct payment log returned for an ART, kept as evidence; issued_art.full_art
-- is the best of them (the most payments that verify). log_hash is SHA-256 over the hashes of the
-- records' signed bodies, so a log is kept once however its signatures happen to be encoded.
CREATE TABLE returned_art_log (
  art_id        BYTEA   NOT NULL,
  log_hash      BYTEA   NOT NULL,
  record_count  INTEGER NOT NULL,
  received_at   BIGINT  NOT NULL,
  full_art      BYTEA   NOT NULL,
  CONSTRAINT returned_art_log_pk PRIMARY KEY (art_id, log_hash)
);

-- When a returned log showed the ART used up (no payment can follow): only such a return frees
-- the ART's place under the live-ART limit before it expires.
ALTER TABLE issued_art ADD COLUMN used_up_at BIGINT;

-- E-cash inspection: each payment record inspected, by ART, number and hash of its signed body,
-- and whether it verified (step and payer checks) where it stood in the log that brought it.
CREATE TABLE inspected_record (
  art_id        BYTEA   NOT NULL,
  seq           INTEGER NOT NULL,
  record_hash   BYTEA   NOT NULL,
  verified      BOOLEAN NOT NULL,
  inspected_at  BIGINT  NOT NULL,
  CONSTRAINT inspected_record_pk PRIMARY KEY (art_id, seq, record_hash)
);
