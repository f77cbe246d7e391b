package org.artcash.core.money;

/** An ISO 4217 alphabetic currency code, such as EUR. Encoded as its three ASCII letters. */
public record Currency(String code) {
  public Currency {
    if (code == null || code.length() != 3) {
      throw new IllegalArgumentException("currency code must be three letters: " + code);
    }
    for (int i = 0; i < 3; i++) {
      char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        throw new IllegalArgumentException("currency code must be three capital letters A-Z: " + code);
      }
    }
  }

  public static Currency of(String code) {
    return new Currency(code);
  }

  /** Digits after the decimal point for display (ISO 4217), 2 where the JDK does not know the code. */
  public int minorDigits() {
    try {
      int digits = java.util.Currency.getInstance(code).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException unknown) {
      return 2;
    }
  }

  @Override
  public String toString() {
    return code;
  }
}
