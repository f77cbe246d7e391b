-- The issuer's database (package org.artcash.issuer.store).
--
-- One script for both databases: it runs unchanged on H2 2.x in its default mode and on
-- PostgreSQL 15. To keep it so:
--   * bytes are BYTEA: PostgreSQL's type, which H2 accepts as an alias of VARBINARY
--     (BINARY VARYING);
--   * instants are BIGINT epoch seconds (UTC): no TIMESTAMP time zone or precision differences;
--   * no vendor upserts (ON CONFLICT / MERGE): the Java code inserts under a savepoint and reads
--     SQLSTATE 23505 (unique violation), which both report the same way;
--   * no column named after a word H2 reserves (KEY, VALUE, YEAR, USER, ...).
-- Identifier lengths and text lengths are checked in Java before they get here.

-- MonEbox management (paper sec. 6): every device the issuer has provisioned.
CREATE TABLE device (
  device_id          BYTEA         NOT NULL PRIMARY KEY,
  device_class       INTEGER       NOT NULL,
  public_key         BYTEA         NOT NULL,
  status             VARCHAR(16)   NOT NULL,
  registered_at      BIGINT        NOT NULL,
  status_changed_at  BIGINT        NOT NULL,
  status_reason      VARCHAR(1000) NOT NULL,
  CONSTRAINT device_status_known CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DISABLED', 'RETIRED'))
);

-- User pseudonym component (paper sec. 3.3): one pseudonym per e-purse. identity_ref is NULL for
-- an anonymous user; otherwise it names a sealed record in identity_record. No foreign keys to
-- device or identity_record: in the paper these components may be run by different agents.
CREATE TABLE pseudonym (
  pseudonym     BYTEA  NOT NULL PRIMARY KEY,
  device_id     BYTEA  NOT NULL,
  identity_ref  BYTEA,
  created_at    BIGINT NOT NULL,
  CONSTRAINT pseudonym_one_per_device UNIQUE (device_id)
);

-- Identity register: sealed user records; only an authority can unseal them (elsewhere).
CREATE TABLE identity_record (
  identity_ref   BYTEA  NOT NULL PRIMARY KEY,
  sealed_record  BYTEA  NOT NULL,
  stored_at      BIGINT NOT NULL
);

-- Payment-key certification: certificates used per device, certifier key (payment key class)
-- and period. The row is also the lock that serialises concurrent requests of one device.
CREATE TABLE cert_quota (
  device_id         BYTEA   NOT NULL,
  certifier_key_id  BYTEA   NOT NULL,
  period_start      BIGINT  NOT NULL,
  issued_count      INTEGER NOT NULL,
  CONSTRAINT cert_quota_pk PRIMARY KEY (device_id, certifier_key_id, period_start),
  CONSTRAINT cert_quota_not_negative CHECK (issued_count >= 0)
);

-- The answer given to each certification request, so that a retried request gets the same bytes.
CREATE TABLE cert_response (
  request_hash      BYTEA  NOT NULL PRIMARY KEY,
  device_id         BYTEA  NOT NULL,
  certifier_key_id  BYTEA  NOT NULL,
  period_start      BIGINT NOT NULL,
  response          BYTEA  NOT NULL
);

-- ART factory: every aggregating receipt token issued, and the full token once it came back.
CREATE TABLE issued_art (
  art_id       BYTEA   NOT NULL PRIMARY KEY,
  pseudonym    BYTEA   NOT NULL,
  kind         INTEGER NOT NULL,
  issued_at    BIGINT  NOT NULL,
  not_after    BIGINT  NOT NULL,
  config       BYTEA   NOT NULL,
  returned_at  BIGINT,
  full_art     BYTEA,
  CONSTRAINT issued_art_returned_whole CHECK ((returned_at IS NULL) = (full_art IS NULL))
);
CREATE INDEX issued_art_by_pseudonym ON issued_art (pseudonym, not_after);

-- E-cash inspection (paper sec. 6): one report per returned ART, with its anomalies.
CREATE TABLE inspection_report (
  art_id         BYTEA   NOT NULL PRIMARY KEY,
  inspected_at   BIGINT  NOT NULL,
  anomaly_count  INTEGER NOT NULL
);

CREATE TABLE inspection_anomaly (
  art_id  BYTEA         NOT NULL,
  seq     INTEGER       NOT NULL,
  code    VARCHAR(64)   NOT NULL,
  detail  VARCHAR(4000) NOT NULL,
  CONSTRAINT inspection_anomaly_pk PRIMARY KEY (art_id, seq),
  CONSTRAINT inspection_anomaly_report FOREIGN KEY (art_id) REFERENCES inspection_report (art_id)
);

-- Issuance (paper sec. 6): the e-cash supply, one row per issuance order, in order sequence.
CREATE TABLE supply_order (
  order_seq     BIGINT      NOT NULL PRIMARY KEY,
  kind          VARCHAR(8)  NOT NULL,
  currency      VARCHAR(3)  NOT NULL,
  amount_minor  BIGINT      NOT NULL,
  recorded_at   BIGINT      NOT NULL,
  order_bytes   BYTEA       NOT NULL,
  CONSTRAINT supply_order_seq_positive CHECK (order_seq > 0),
  CONSTRAINT supply_order_kind_known CHECK (kind IN ('ISSUE', 'DESTROY')),
  CONSTRAINT supply_order_amount_not_negative CHECK (amount_minor >= 0)
);
CREATE INDEX supply_order_by_currency ON supply_order (currency, kind);

-- Revoked keys (any level), from which signed revocation lists are made.
CREATE TABLE revocation (
  key_id      BYTEA         NOT NULL PRIMARY KEY,
  reason      VARCHAR(1000) NOT NULL,
  revoked_at  BIGINT        NOT NULL
);

-- Gap-free counters (a database SEQUENCE may skip numbers and is not portable SQL).
CREATE TABLE issuer_counter (
  name         VARCHAR(64) NOT NULL PRIMARY KEY,
  current_seq  BIGINT      NOT NULL
);
INSERT INTO issuer_counter (name, current_seq) VALUES ('revocation_list', 0);
