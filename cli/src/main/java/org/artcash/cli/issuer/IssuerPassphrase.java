package org.artcash.cli.issuer;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.issuer.keys.FileKeyVault;

/**
 * Where {@code artcash issuer serve} gets the passphrase of the issuer's key store: the environment
 * variable {@value #ENVIRONMENT_VARIABLE}; else the keyboard, without echo (asked twice for a new
 * store); else, with no terminal (a script), the first line of standard input. The caller wipes
 * the answer.
 */
final class IssuerPassphrase {
  static final String ENVIRONMENT_VARIABLE = "ARTCASH_ISSUER_PASSPHRASE";
  private static final int MAX_LINE = 1024;

  private IssuerPassphrase() {}

  /**
   * @param fromEnvironment the variable's value, or null when it is not set
   * @param console the terminal, or null when there is none
   * @param newStore whether the store is about to be made, so the passphrase is chosen now
   */
  static char[] read(String fromEnvironment, Console console, InputStream in, boolean newStore,
      Path keys) throws ArtcashException {
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return fromEnvironment.toCharArray();
    }
    if (console != null && console.isTerminal()) {
      return ask(console, newStore, keys);
    }
    char[] line = firstLine(in);
    if (line.length == 0) {
      throw new ArtcashException(Reason.MALFORMED, "the issuer's key store in " + keys
          + " needs a passphrase: set " + ENVIRONMENT_VARIABLE + " or give it on the first line"
          + " of standard input");
    }
    return line;
  }

  private static char[] ask(Console console, boolean newStore, Path keys)
      throws ArtcashException {
    char[] first = console.readPassword(newStore
        ? "Choose a passphrase for the issuer's new key store in %s (at least "
            + FileKeyVault.MIN_PASSPHRASE_LENGTH + " characters): "
        : "Passphrase of the issuer's key store in %s: ", keys);
    if (first == null || first.length == 0) {
      throw new ArtcashException(Reason.MALFORMED, "no passphrase was typed; the issuer's key"
          + " store in " + keys + " needs one (or set " + ENVIRONMENT_VARIABLE + ")");
    }
    if (!newStore) {
      return first;
    }
    char[] again = console.readPassword("The same passphrase again: ");
    try {
      if (!Arrays.equals(first, again)) {
        Arrays.fill(first, '\0');
        throw new ArtcashException(Reason.MALFORMED, "the two passphrases differ; nothing was"
            + " made, start again and type the same passphrase twice");
      }
      return first;
    } finally {
      if (again != null) {
        Arrays.fill(again, '\0');
      }
    }
  }

  /** The first line of {@code in} (UTF-8, without its end); empty at the end of the input. */
  static char[] firstLine(InputStream in) throws ArtcashException {
    byte[] buffer = new byte[MAX_LINE];
    int length = 0;
    try {
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b == '\r') {
          continue;
        }
        if (length == MAX_LINE) {
          throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "the passphrase on standard input"
              + " is longer than " + MAX_LINE + " bytes");
        }
        buffer[length++] = (byte) b;
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(buffer, 0, length));
      char[] line = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return line;
    } catch (IOException e) {
      throw new ArtcashException(Reason.MALFORMED, "cannot read the passphrase from standard"
          + " input: " + e.getMessage(), e);
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
