package org.artcash.issuer.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * The short payee information of each pseudonym (paper sec. 3.3, footnote 14): a few words such as
 * "Bakery Jansen, Utrecht" that the ART factory puts in every ART of that pseudonym, so a payer can
 * see who will receive the money. Never replaced once stored.
 */
public final class PayeeInfoRegister {
  /** The room for payee information in an ART ({@code ArtConfig.MAX_PAYEE_INFO}). */
  public static final int MAX_BYTES = 48;

  private final IssuerDatabase db;

  public PayeeInfoRegister(IssuerDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Stores the payee information of a pseudonym. Storing the same text again does nothing.
   *
   * @throws IllegalArgumentException when {@code info} is longer than {@value #MAX_BYTES} UTF-8
   *     bytes
   * @throws ArtcashException {@link Reason#WRONG_STATE} when other text is stored for it already
   */
  public void store(Bytes pseudonym, String info, Instant at) throws ArtcashException {
    Jdbc.id(pseudonym, "pseudonym");
    Objects.requireNonNull(info, "info");
    if (info.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("payee information is at most " + MAX_BYTES
          + " UTF-8 bytes: '" + info + "'");
    }
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      if (Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO payee_info (pseudonym, info, created_at) VALUES (?, ?, ?)",
          pseudonym, info, at)) {
        return null;
      }
      String stored = Jdbc.queryOne(c, "SELECT info FROM payee_info WHERE pseudonym = ?",
          rs -> rs.getString(1), pseudonym).orElseThrow();
      if (!stored.equals(info)) {
        throw new ArtcashException(Reason.WRONG_STATE, "pseudonym " + pseudonym.hex()
            + " already has the payee information '" + stored + "'");
      }
      return null;
    });
  }

  public Optional<String> find(Bytes pseudonym) {
    Jdbc.id(pseudonym, "pseudonym");
    return db.transact(c -> Jdbc.queryOne(c, "SELECT info FROM payee_info WHERE pseudonym = ?",
        rs -> rs.getString(1), pseudonym));
  }
}
