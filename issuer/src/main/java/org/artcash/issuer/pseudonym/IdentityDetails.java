package org.artcash.issuer.pseudonym;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.artcash.core.codec.Encoder;

/**
 * The personal details an identified user gives at provisioning, as legally required for AML
 * enforcement (de Jong 2024, sec. 3.2-3.3). They go only into the sealed identity register, never
 * into a credential. {@code documentReference} names the identity document checked, or the record
 * of an institution that holds the details already (sec. 3.3, footnote 13).
 */
public record IdentityDetails(String fullName, LocalDate dateOfBirth, String countryCode,
    String address, String documentReference) {
  public static final int MAX_FIELD_LENGTH = 200;

  public IdentityDetails {
    fullName = clean(fullName, "full name");
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    countryCode = clean(countryCode, "country code").toUpperCase(Locale.ROOT);
    if (!countryCode.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException(
          "the country is an ISO 3166 two-letter code such as NL: " + countryCode);
    }
    address = clean(address, "address");
    documentReference = clean(documentReference, "document reference");
  }

  /**
   * The one encoding of these details that the identity reference and the seal are computed over:
   * every text in Unicode NFC with its whitespace collapsed, so the same details always give the
   * same bytes.
   */
  public byte[] canonicalEncoding() {
    return new Encoder().u8(1)
        .string(fullName, 4 * MAX_FIELD_LENGTH)
        .string(dateOfBirth.toString(), 10)
        .string(countryCode, 2)
        .string(address, 4 * MAX_FIELD_LENGTH)
        .string(documentReference, 4 * MAX_FIELD_LENGTH)
        .toByteArray();
  }

  /** Names only the country, so that a log line or an error message carries no identity. */
  @Override
  public String toString() {
    return "IdentityDetails[sealed; country " + countryCode + "]";
  }

  private static String clean(String value, String field) {
    Objects.requireNonNull(value, field);
    String s = Normalizer.normalize(value, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    if (s.isEmpty() || s.length() > MAX_FIELD_LENGTH) {
      throw new IllegalArgumentException(
          "the " + field + " must be 1 to " + MAX_FIELD_LENGTH + " characters");
    }
    return s;
  }
}
