-- Early payment requests, the payment schedule, the budget manager and points of sale
-- (de Jong 2024, sec. 4.1, fig. 11; packages org.artcash.purse.schedule, .budget, .pos). The same
-- rules as V1: one script for H2 and PostgreSQL, BYTEA for bytes, BIGINT epoch seconds for
-- instants, INTEGER 0/1 for flags, no vendor upserts.

-- A standing ART: sent ahead of time in an early request (without an amount) to one payer, or
-- handed to one of the shop's points of sale. It stays IN_USE after each payment accepted on it,
-- so its state is never offered to anyone else (two payments on one state cannot both be
-- accepted, sec. 2.3); cancelling the request retires it as usual.
ALTER TABLE purse_art ADD COLUMN standing INTEGER DEFAULT 0 NOT NULL;

-- The payer's payment schedule: payments to make to the ART of a payee's early request, once, by
-- a date, or recurring. The request is kept as received; each payment made is recorded below and
-- the next one is made on the state the previous payment left.
--   ACTIVE     payments remain; next_due is when the next one is due
--   DONE       every payment was made (or the end date passed)
--   CANCELLED  stopped by the owner
CREATE TABLE purse_schedule (
  id             BIGINT        NOT NULL PRIMARY KEY,
  label          VARCHAR(200)  NOT NULL,
  request        BYTEA         NOT NULL,
  art_id         BYTEA         NOT NULL,
  payee_info     VARCHAR(200)  NOT NULL,
  currency       VARCHAR(3)    NOT NULL,
  amount         BIGINT        NOT NULL,
  recurrence     VARCHAR(8)    NOT NULL,
  first_due      BIGINT        NOT NULL,
  next_due       BIGINT        NOT NULL,
  payments_made  INTEGER       NOT NULL,
  until_at       BIGINT,
  preauthorised  INTEGER       NOT NULL,
  jar            VARCHAR(64),
  status         VARCHAR(10)   NOT NULL,
  created_at     BIGINT        NOT NULL,
  CONSTRAINT purse_schedule_status_known CHECK (status IN ('ACTIVE', 'DONE', 'CANCELLED')),
  CONSTRAINT purse_schedule_recurrence_known
      CHECK (recurrence IN ('ONCE', 'DAILY', 'WEEKLY', 'MONTHLY')),
  CONSTRAINT purse_schedule_positive CHECK (amount > 0)
);

-- One payment made for a schedule entry: which due date it settled and the token it produced (the
-- next payment of the entry is made on this token's state).
CREATE TABLE purse_schedule_payment (
  schedule_id  BIGINT  NOT NULL,
  due_at       BIGINT  NOT NULL,
  state_hash   BYTEA   NOT NULL,
  token        BYTEA   NOT NULL,
  paid_at      BIGINT  NOT NULL,
  CONSTRAINT purse_schedule_payment_pk PRIMARY KEY (schedule_id, due_at),
  CONSTRAINT purse_schedule_payment_entry FOREIGN KEY (schedule_id) REFERENCES purse_schedule (id)
);

-- The budget manager's jars (footnote 17): labels that partition the spendable balance. Money
-- stays in the MonEbox; a jar's balance is the sum of its entries (allocations are positive,
-- payments taken from it and money taken out negative). A payment is entered at most once.
CREATE TABLE purse_jar (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  currency    VARCHAR(3)   NOT NULL,
  created_at  BIGINT       NOT NULL
);

CREATE TABLE purse_jar_entry (
  id          BIGINT        NOT NULL PRIMARY KEY,
  jar         VARCHAR(64)   NOT NULL,
  delta       BIGINT        NOT NULL,
  note        VARCHAR(200)  NOT NULL,
  state_hash  BYTEA,
  entered_at  BIGINT        NOT NULL,
  CONSTRAINT purse_jar_entry_jar FOREIGN KEY (jar) REFERENCES purse_jar (name)
);

CREATE UNIQUE INDEX purse_jar_entry_payment ON purse_jar_entry (state_hash);

-- The shop's side of its points of sale: which standing ART went to which device, until the
-- device gives it back.
CREATE TABLE purse_pos_delegation (
  art_id        BYTEA        NOT NULL PRIMARY KEY,
  device        VARCHAR(64)  NOT NULL,
  delegated_at  BIGINT       NOT NULL,
  released_at   BIGINT
);

-- A point-of-sale device's own state (it has no MonEbox): the shop's root of trust, the ARTs the
-- shop handed it, and the payments it accepted, until they are handed in for redemption.
--   FREE      may be sent in a payment request
--   IN_USE    sent in a request, waiting for the payer's token
--   RELEASED  used up, expired or its request cancelled: to be given back to the shop
CREATE TABLE pos_device (
  singleton   INTEGER       NOT NULL PRIMARY KEY,
  name        VARCHAR(64)   NOT NULL,
  root        BYTEA         NOT NULL,
  created_at  BIGINT        NOT NULL,
  CONSTRAINT pos_device_one_row CHECK (singleton = 1)
);

CREATE TABLE pos_art (
  art_id            BYTEA        NOT NULL PRIMARY KEY,
  config            BYTEA        NOT NULL,
  factory_chain     BYTEA        NOT NULL,
  first_state       BYTEA        NOT NULL,
  latest_seq        INTEGER      NOT NULL,
  status            VARCHAR(8)   NOT NULL,
  requested_amount  BIGINT,
  received_at       BIGINT       NOT NULL,
  given_back_at     BIGINT,
  CONSTRAINT pos_art_status_known CHECK (status IN ('FREE', 'IN_USE', 'RELEASED'))
);

CREATE TABLE pos_payment (
  art_id        BYTEA    NOT NULL,
  seq           INTEGER  NOT NULL,
  amount        BIGINT   NOT NULL,
  token         BYTEA    NOT NULL,
  accepted_at   BIGINT   NOT NULL,
  handed_in_at  BIGINT,
  CONSTRAINT pos_payment_pk PRIMARY KEY (art_id, seq),
  CONSTRAINT pos_payment_art FOREIGN KEY (art_id) REFERENCES pos_art (art_id)
);
