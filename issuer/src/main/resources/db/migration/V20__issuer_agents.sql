-- Tables of the issuer's agents and issuer core components (package org.artcash.issuer),
-- in addition to V1. Same conventions as V1: BYTEA, BIGINT epoch seconds, no vendor upserts.

-- User pseudonym component (paper sec. 3.3, footnote 14): the short payee information shown to
-- payers in every ART of a pseudonym, at most 48 UTF-8 bytes (so at most 48 characters).
CREATE TABLE payee_info (
  pseudonym   BYTEA       NOT NULL PRIMARY KEY,
  info        VARCHAR(48) NOT NULL,
  created_at  BIGINT      NOT NULL
);

-- ART factory: the grant given to each ART request, so that a retried request gets the same ARTs.
CREATE TABLE art_grant (
  request_hash  BYTEA  NOT NULL PRIMARY KEY,
  pseudonym     BYTEA  NOT NULL,
  granted_at    BIGINT NOT NULL,
  grant_bytes   BYTEA  NOT NULL
);

-- E-cash inspection (paper sec. 6): every payment record of every inspected ART, for the figures
-- shown to the monitor (payments, value).
CREATE TABLE inspected_payment (
  art_id            BYTEA      NOT NULL,
  seq               INTEGER    NOT NULL,
  payment_key_id    BYTEA      NOT NULL,
  key_use           BIGINT     NOT NULL,
  certifier_key_id  BYTEA      NOT NULL,
  currency          VARCHAR(3) NOT NULL,
  amount_minor      BIGINT     NOT NULL,
  paid_at           BIGINT     NOT NULL,
  CONSTRAINT inspected_payment_pk PRIMARY KEY (art_id, seq)
);

-- Who first used each (payment key, use number): a second record claiming the same pair is a
-- cloned payment key. The primary key settles concurrent inspections.
CREATE TABLE payment_key_use (
  payment_key_id  BYTEA   NOT NULL,
  key_use         BIGINT  NOT NULL,
  art_id          BYTEA   NOT NULL,
  seq             INTEGER NOT NULL,
  CONSTRAINT payment_key_use_pk PRIMARY KEY (payment_key_id, key_use)
);

-- Every genuinely certified payment key seen in a payment, by certifier key: more keys than the
-- certifier issued certificates means the certification key is misused.
CREATE TABLE seen_payment_key (
  payment_key_id    BYTEA  NOT NULL PRIMARY KEY,
  certifier_key_id  BYTEA  NOT NULL,
  first_seen_at     BIGINT NOT NULL
);
CREATE INDEX seen_payment_key_by_certifier ON seen_payment_key (certifier_key_id);

-- Issuance (paper sec. 6): each signed order, written before it is sent to the issuer's MonEbox,
-- so that the supply ledger can be completed after a crash between the two.
CREATE TABLE issuance_journal (
  order_seq    BIGINT NOT NULL PRIMARY KEY,
  order_bytes  BYTEA  NOT NULL,
  written_at   BIGINT NOT NULL,
  CONSTRAINT issuance_journal_seq_positive CHECK (order_seq > 0)
);

-- Inspection compares the payment keys seen per certifier key with the certificates that key
-- issued (V1's cert_response, one row per certificate): index it by certifier key.
CREATE INDEX cert_response_by_certifier ON cert_response (certifier_key_id);
