-- The certificates the issuer's certificate authority made for the issuer's own keys (root, CA,
-- device attestation, ART factory, payment-key certifiers), by the label of the key in the key
-- vault, in addition to V1, V20 and V21. An issuer opened again over this database and its key
-- vault finds them here and is the same issuer (IssuerSystem.open). Same conventions as V1.
CREATE TABLE issuer_certificate (
  key_label    VARCHAR(100) NOT NULL PRIMARY KEY,
  certificate  BYTEA        NOT NULL,
  stored_at    BIGINT       NOT NULL
);
