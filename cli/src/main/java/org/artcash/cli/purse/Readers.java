package org.artcash.cli.purse;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.monebox.card.CardMonEbox;

/**
 * The card readers of this computer (PC/SC, through javax.smartcardio) and the MonEbox card in
 * one of them, with every way that can fail said in one sentence: no PC/SC service, no reader of
 * that name, no card in it, a card without the MonEbox applet, a card that does not answer.
 */
final class Readers {
  /** The JDK's own property choosing the TerminalFactory type (javax.smartcardio). */
  static final String TYPE_PROPERTY = "javax.smartcardio.TerminalFactory.DefaultType";

  private Readers() {}

  /** One reader and whether a card is in it (empty when the reader would not say). */
  record Reader(String name, Optional<Boolean> cardPresent) {}

  /** The MonEbox card opened, and how to let go of it when the command is done. */
  record Opened(CardMonEbox card, boolean simulated) {
    void close() throws ArtcashException {
      if (!simulated) {
        card.close(); // a simulated card stays in SimulatedCards for the next command
      }
    }
  }

  /** The readers the PC/SC service sees, in its order; empty when none is plugged in. */
  static List<Reader> list() throws ArtcashException {
    List<Reader> out = new ArrayList<>();
    for (CardTerminal t : terminals()) {
      Optional<Boolean> present;
      try {
        present = Optional.of(t.isCardPresent());
      } catch (CardException e) {
        present = Optional.empty();
      }
      out.add(new Reader(t.getName(), present));
    }
    return out;
  }

  /**
   * Connects to the MonEbox card in reader {@code name} ({@link CardMonEbox#onReader}), or to the
   * simulated card of that name when simulated cards are allowed ({@link SimulatedCards}).
   */
  static Opened open(String name) throws ArtcashException {
    if (SimulatedCards.isSimulated(name)) {
      return new Opened(SimulatedCards.card(name), true);
    }
    List<CardTerminal> all = terminals();
    CardTerminal terminal = all.stream().filter(t -> t.getName().equals(name)).findFirst()
        .orElseThrow(() -> unknownReader(name, all));
    try {
      if (!terminal.isCardPresent()) {
        throw noCard(name);
      }
    } catch (CardException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "card reader '" + name + "' does not"
          + " answer (" + detail(e) + "); unplug it, plug it in again and retry", e);
    }
    try {
      return new Opened(CardMonEbox.onReader(name), false);
    } catch (ArtcashException e) {
      if (e.getCause() instanceof CardNotPresentException) {
        throw noCard(name);
      }
      if (e.getCause() instanceof CardException c) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "the card in reader '" + name
            + "' does not answer (" + detail(c) + "); take it out, put it back and retry, or"
            + " close the program that is using it", c);
      }
      throw e; // no MonEbox applet on the card, or the reader went away: said by the driver
    }
  }

  private static ArtcashException noCard(String name) {
    return new ArtcashException(Reason.NOT_FOUND, "there is no card in reader '" + name
        + "'; put the MonEbox card in and retry");
  }

  private static ArtcashException unknownReader(String name, List<CardTerminal> all) {
    if (all.isEmpty()) {
      return new ArtcashException(Reason.NOT_FOUND, "no card reader named '" + name + "': the"
          + " PC/SC service sees no card readers; plug one in and retry");
    }
    List<String> names = all.stream().map(t -> "'" + t.getName() + "'").toList();
    return new ArtcashException(Reason.NOT_FOUND, "no card reader named '" + name + "'; readers"
        + " here: " + String.join(", ", names));
  }

  /** The PC/SC readers; no service at all, or one that fails, is said in one sentence. */
  private static List<CardTerminal> terminals() throws ArtcashException {
    String type = System.getProperty(TYPE_PROPERTY, "PC/SC").strip();
    TerminalFactory factory;
    try {
      // A new factory each time, not TerminalFactory.getDefault(), which is fixed when a program
      // first asks: a service started later is then found.
      factory = TerminalFactory.getInstance(type, null);
    } catch (NoSuchAlgorithmException | RuntimeException e) {
      throw noService(e);
    }
    try {
      return factory.terminals().list();
    } catch (CardException e) {
      String d = detail(e);
      if (d.contains("SCARD_E_NO_READERS_AVAILABLE")) {
        return List.of();
      }
      if (d.contains("SCARD_E_NO_SERVICE") || d.contains("SCARD_E_SERVICE_STOPPED")) {
        throw noService(e);
      }
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the PC/SC service could not list the"
          + " card readers (" + d + "); restart it (pcscd) and retry", e);
    } catch (RuntimeException e) {
      throw noService(e);
    }
  }

  static ArtcashException noService(Exception e) {
    return new ArtcashException(Reason.NOT_FOUND, "no PC/SC service on this computer ("
        + detail(e) + "): install and start pcscd (Debian and Ubuntu: apt install pcscd) and"
        + " plug in a card reader", e);
  }

  /** The innermost message: the PC/SC error code (SCARD_E_...) when there is one. */
  private static String detail(Throwable e) {
    String d = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        d = t.getMessage();
      }
    }
    return d.strip();
  }
}
