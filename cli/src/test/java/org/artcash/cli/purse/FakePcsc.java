package org.artcash.cli.purse;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.function.Supplier;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/**
 * Stand-ins for this computer's PC/SC service, chosen through the JDK's own property
 * {@code javax.smartcardio.TerminalFactory.DefaultType} for the length of one body: a type that
 * does not exist (no PC/SC service), or a provider with two readers holding no card, one of which
 * does not answer. No real reader is needed.
 */
final class FakePcsc {
  /** A factory type nobody provides: the program finds no PC/SC service. */
  static final String NO_SERVICE = "ArtcashTestNoPcsc";
  /** The provider below: readers {@link #EMPTY} and {@link #BROKEN}. */
  static final String TWO_READERS = "ArtcashTestReaders";
  static final String EMPTY = "Test Reader A 00 00";
  static final String BROKEN = "Test Reader B 01 00";

  private FakePcsc() {}

  /** Runs {@code body} with {@code type} as the PC/SC factory type. */
  static <T> T with(String type, Supplier<T> body) {
    synchronized (FakePcsc.class) {
      if (Security.getProvider(TWO_READERS) == null) {
        Security.addProvider(new TestProvider());
      }
    }
    String before = System.getProperty(Readers.TYPE_PROPERTY);
    System.setProperty(Readers.TYPE_PROPERTY, type);
    try {
      return body.get();
    } finally {
      if (before == null) {
        System.clearProperty(Readers.TYPE_PROPERTY);
      } else {
        System.setProperty(Readers.TYPE_PROPERTY, before);
      }
    }
  }

  private static final class TestProvider extends Provider {
    TestProvider() {
      super(TWO_READERS, "1.0", "artcash test readers");
      putService(new Service(this, "TerminalFactory", TWO_READERS, Factory.class.getName(), null,
          null));
    }
  }

  /** Found by the provider through its (Object) constructor, as javax.smartcardio does. */
  public static final class Factory extends TerminalFactorySpi {
    public Factory(Object params) {
      // no parameters
    }

    @Override
    protected CardTerminals engineTerminals() {
      return new CardTerminals() {
        @Override
        public List<CardTerminal> list(State state) {
          return List.of(new Terminal(EMPTY, false), new Terminal(BROKEN, true));
        }

        @Override
        public boolean waitForChange(long timeout) {
          return false;
        }
      };
    }
  }

  /** A reader with no card; a broken one answers nothing at all. */
  private static final class Terminal extends CardTerminal {
    private final String name;
    private final boolean broken;

    Terminal(String name, boolean broken) {
      this.name = name;
      this.broken = broken;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Card connect(String protocol) throws CardException {
      throw broken ? new CardException("SCARD_E_READER_UNAVAILABLE")
          : new CardNotPresentException("no card present");
    }

    @Override
    public boolean isCardPresent() throws CardException {
      if (broken) {
        throw new CardException("SCARD_E_READER_UNAVAILABLE");
      }
      return false;
    }

    @Override
    public boolean waitForCardPresent(long timeout) {
      return false;
    }

    @Override
    public boolean waitForCardAbsent(long timeout) {
      return true;
    }
  }
}
