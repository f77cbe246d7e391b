-- Payment intents, and the asked amount of a payment that paid another (package
-- org.artcash.purse.store). The same rules as V1: one script for H2 and PostgreSQL, BYTEA for
-- bytes, BIGINT epoch seconds for instants, no vendor upserts.

-- Every payment the owner approved, with the exact payment instruction, stored BEFORE the MonEbox
-- is asked and in the same transaction that takes its approval counter. A retry sends this same
-- instruction again, never a fresh approval: the MonEbox then returns the token it stored, or, when
-- it no longer holds it, refuses the used counter. So a lost reply can never be paid twice
-- (de Jong 2024, sec. 2.3: the payer first looks for an earlier payment of the same token).
--   PENDING     approved; the MonEbox's answer is not known yet. While one is PENDING no other
--               payment is approved, so a used counter can only mean that this one was executed.
--   PAID        the MonEbox's token is stored in purse_outgoing (outcome_* is set when the token
--               failed the payer's own check: it is kept, and reported on every retry)
--   REFUSED     the MonEbox refused it after checking its counter: it was not executed
--   UNRESOLVED  executed (the counter was used) but the MonEbox no longer holds the token: the
--               payer was debited and the token must be recovered via the issuer
CREATE TABLE purse_payment_intent (
  approval_counter  BIGINT        NOT NULL PRIMARY KEY,
  state_hash        BYTEA         NOT NULL,
  art_id            BYTEA         NOT NULL,
  currency          VARCHAR(3)    NOT NULL,
  amount            BIGINT        NOT NULL,
  payee_info        VARCHAR(200)  NOT NULL,
  request           BYTEA         NOT NULL,
  binding_id        INTEGER       NOT NULL,
  host_time         BIGINT        NOT NULL,
  approval_mac      BYTEA         NOT NULL,
  status            VARCHAR(10)   NOT NULL,
  outcome_reason    VARCHAR(40),
  outcome_message   VARCHAR(2000),
  resolved_at       BIGINT,
  CONSTRAINT purse_payment_intent_status_known
      CHECK (status IN ('PENDING', 'PAID', 'REFUSED', 'UNRESOLVED')),
  CONSTRAINT purse_payment_intent_positive CHECK (amount > 0 AND approval_counter >= 1)
);

CREATE INDEX purse_payment_intent_by_state ON purse_payment_intent (state_hash);
CREATE INDEX purse_payment_intent_by_status ON purse_payment_intent (status);

-- A payment received that validly extends the ART state sent but pays another amount than was
-- asked (the amount in a request is not signed; the payer approved and was debited what it paid):
-- it is kept, it is the owner's money, and the amount that was asked is noted here. NULL when the
-- payment matched, or when no amount was asked.
ALTER TABLE purse_art_record ADD COLUMN differs_from BIGINT;
