-- The state of one e-purse (package org.artcash.purse.store; de Jong 2024, sec. 4.1, fig. 11).
--
-- One script for both databases: it runs unchanged on H2 2.x in its default mode and on
-- PostgreSQL 15. To keep it so:
--   * bytes are BYTEA (H2 accepts it as an alias of VARBINARY);
--   * instants are BIGINT epoch seconds (UTC);
--   * no vendor upserts: the Java code inserts under a savepoint and reads SQLSTATE 23505;
--   * no column named after a word H2 reserves (KEY, VALUE, ...).
-- Every table starts with purse_ and Flyway keeps its own history table (purse_schema_history),
-- so an e-purse may share a database schema with other artcash components.

-- The binding with the MonEbox (conductor). One row. binding_key is SECRET: whoever reads it can
-- approve payments up to the MonEbox's button threshold. The host's ECDH private key is not kept:
-- it is only needed once, to derive the binding key.
CREATE TABLE purse_binding (
  singleton           INTEGER NOT NULL PRIMARY KEY,
  binding_id          INTEGER NOT NULL,
  binding_key         BYTEA   NOT NULL,
  host_public_key     BYTEA   NOT NULL,
  monebox_public_key  BYTEA   NOT NULL,
  root_certificate    BYTEA   NOT NULL,
  device_certificate  BYTEA   NOT NULL,
  last_counter        BIGINT  NOT NULL,
  bound_at            BIGINT  NOT NULL,
  CONSTRAINT purse_binding_one_row CHECK (singleton = 1),
  CONSTRAINT purse_binding_counter_range CHECK (last_counter >= 0 AND last_counter <= 4294967295)
);

-- The owner's ARTs (receive payment, credential manager): the configuration T0 as issued, the
-- factory chain sent along in payment requests, the limits copied out for selection in SQL, the
-- latest state (its record is the art_record row with seq = latest_seq) and the amount redeemed.
--   FREE     may be sent in a payment request
--   IN_USE   sent in a request, waiting for the payer's token (de Jong 2024, sec. 2.3)
--   RETIRED  exhausted or expired: to be redeemed and returned to the factory
--   RETURNED returned to the factory with its whole log; kept for the auditor
CREATE TABLE purse_art (
  art_id            BYTEA        NOT NULL PRIMARY KEY,
  config            BYTEA        NOT NULL,
  factory_chain     BYTEA        NOT NULL,
  kind              VARCHAR(16)  NOT NULL,
  currency          VARCHAR(3)   NOT NULL,
  payee_info        VARCHAR(200) NOT NULL,
  issued_at         BIGINT       NOT NULL,
  not_after         BIGINT       NOT NULL,
  redeem_until      BIGINT       NOT NULL,
  max_payments      INTEGER      NOT NULL,
  max_single        BIGINT       NOT NULL,
  max_aggregate     BIGINT       NOT NULL,
  status            VARCHAR(8)   NOT NULL,
  latest_seq        INTEGER      NOT NULL,
  latest_aggregate  BIGINT       NOT NULL,
  requested_amount  BIGINT,
  requested_at      BIGINT,
  redeemed          BIGINT       NOT NULL,
  stored_at         BIGINT       NOT NULL,
  returned_at       BIGINT,
  CONSTRAINT purse_art_status_known CHECK (status IN ('FREE', 'IN_USE', 'RETIRED', 'RETURNED')),
  CONSTRAINT purse_art_within_limits CHECK (latest_seq >= 0 AND latest_seq <= max_payments
      AND latest_aggregate >= 0 AND latest_aggregate <= max_aggregate),
  CONSTRAINT purse_art_redeemed_range CHECK (redeemed >= 0 AND redeemed <= latest_aggregate)
);

CREATE INDEX purse_art_by_status ON purse_art (status, not_after);

-- Every payment received on an ART, in sequence: the ART's full log, returned to the factory and
-- kept for the auditor. With the ART's config this row is exactly the transfer token received:
-- the payment record and the payer's certificate chain.
CREATE TABLE purse_art_record (
  art_id       BYTEA   NOT NULL,
  seq          INTEGER NOT NULL,
  amount       BIGINT  NOT NULL,
  aggregate    BIGINT  NOT NULL,
  payment      BYTEA   NOT NULL,
  payer_chain  BYTEA   NOT NULL,
  received_at  BIGINT  NOT NULL,
  CONSTRAINT purse_art_record_pk PRIMARY KEY (art_id, seq),
  CONSTRAINT purse_art_record_art FOREIGN KEY (art_id) REFERENCES purse_art (art_id),
  CONSTRAINT purse_art_record_positive CHECK (seq >= 1 AND amount > 0 AND aggregate >= amount)
);

-- The payer's results (control payment): the token the MonEbox made for a payee's ART state,
-- stored before it is handed to the payee (de Jong 2024, sec. 4.1), keyed by the hash of the state
-- that was paid, so that a repeated request gets exactly the same token.
CREATE TABLE purse_outgoing (
  state_hash        BYTEA        NOT NULL PRIMARY KEY,
  art_id            BYTEA        NOT NULL,
  seq               INTEGER      NOT NULL,
  currency          VARCHAR(3)   NOT NULL,
  amount            BIGINT       NOT NULL,
  payee_info        VARCHAR(200) NOT NULL,
  payee_account     VARCHAR(100) NOT NULL,
  token             BYTEA        NOT NULL,
  approval_counter  BIGINT       NOT NULL,
  paid_at           BIGINT       NOT NULL,
  CONSTRAINT purse_outgoing_positive CHECK (amount > 0 AND seq >= 1)
);

-- Certificates learnt from the system agents (certifier chains, the device chain), so that the
-- trust store can be rebuilt on start, e.g. to check the revocation list's CA.
CREATE TABLE purse_certificate (
  fingerprint  BYTEA  NOT NULL PRIMARY KEY,
  certificate  BYTEA  NOT NULL,
  stored_at    BIGINT NOT NULL
);

-- The newest revocation list installed (one row).
CREATE TABLE purse_revocation_list (
  singleton  INTEGER NOT NULL PRIMARY KEY,
  sequence   BIGINT  NOT NULL,
  list       BYTEA   NOT NULL,
  stored_at  BIGINT  NOT NULL,
  CONSTRAINT purse_revocation_list_one_row CHECK (singleton = 1)
);

-- Payment-key certification requests sealed by the MonEbox and not yet answered, so that an
-- interrupted refresh sends the same request again (the certifier answers it idempotently)
-- instead of leaving a half-made payment key in the MonEbox.
CREATE TABLE purse_pending_certification (
  request_hash      BYTEA  NOT NULL PRIMARY KEY,
  certifier_key_id  BYTEA  NOT NULL,
  request           BYTEA  NOT NULL,
  created_at        BIGINT NOT NULL
);

-- Payments made and received, oldest first by time, for the owner and the bookkeeping
-- (de Jong 2024, sec. 4.1: "reviewing of payments made and received"). The payer of a received
-- payment is anonymous; payee_info of a received payment is the owner's own ART label.
CREATE VIEW purse_history AS
  SELECT CAST('PAID' AS VARCHAR(8)) AS direction, o.art_id, o.seq, o.currency, o.amount,
         o.paid_at AS happened_at, o.payee_info, o.payee_account
    FROM purse_outgoing o
  UNION ALL
  SELECT CAST('RECEIVED' AS VARCHAR(8)) AS direction, r.art_id, r.seq, a.currency, r.amount,
         r.received_at AS happened_at, a.payee_info, CAST('' AS VARCHAR(100)) AS payee_account
    FROM purse_art_record r JOIN purse_art a ON a.art_id = r.art_id;
