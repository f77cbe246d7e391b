package org.artcash.cli.purse;

import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * Which MonEbox an e-purse uses, as its data directory records it: {@code software} (the state
 * files in the directory) or {@code reader:NAME} (the card in that PC/SC reader, whose state lives
 * in the card; only the e-purse database lives in the directory).
 */
record Device(Optional<String> reader) {
  static final Device SOFTWARE = new Device(Optional.empty());
  private static final String READER_PREFIX = "reader:";
  private static final int MAX_READER_NAME = 200;

  /** The card in the PC/SC reader {@code name}, as given on the command line. */
  static Device reader(String name) throws ArtcashException {
    if (name == null || name.isBlank() || name.length() > MAX_READER_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new ArtcashException(Reason.MALFORMED, "a card reader's name is 1 to "
          + MAX_READER_NAME + " printable characters; 'artcash purse readers' lists them");
    }
    return new Device(Optional.of(name));
  }

  /** The device recorded in {@code purse.properties}; an e-purse from before cards is software. */
  static Device parse(String recorded) throws ArtcashException {
    if (recorded == null || recorded.equals("software")) {
      return SOFTWARE;
    }
    if (recorded.startsWith(READER_PREFIX)) {
      return reader(recorded.substring(READER_PREFIX.length()));
    }
    throw new ArtcashException(Reason.MALFORMED, "the e-purse's configuration names an unknown"
        + " MonEbox '" + recorded + "'; it is 'software' or 'reader:NAME'");
  }

  String recorded() {
    return reader.map(r -> READER_PREFIX + r).orElse("software");
  }

  boolean isCard() {
    return reader.isPresent();
  }

  /** For people: "software" or "card in reader 'NAME'". */
  String describe() {
    return reader.map(r -> "card in reader '" + r + "'").orElse("software");
  }
}
