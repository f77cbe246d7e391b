package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code purse readers} and {@code purse init --reader} when the card reader is not there: no
 * PC/SC service, no reader of that name, no card in it, a reader that does not answer. Each is one
 * sentence, and init leaves no data directory behind. The readers are {@link FakePcsc}'s, or this
 * computer's, which has none; the reader is checked before the issuer is asked, so no issuer runs.
 */
class CardReaderErrorsTest {
  /** Nothing listens here: a test that reached the issuer would fail differently. */
  static final String NO_ISSUER = "http://127.0.0.1:1";

  @TempDir
  Path tmp;

  private static CliWorld.Run init(Path dir, String reader) {
    return CliWorld.execute("", "purse", "init", "--data", dir.toString(), "--issuer", NO_ISSUER,
        "--name", "Carol", "--reader", reader);
  }

  @Test
  void init_readerNope_oneSentence_noDataDirectoryLeftBehind() {
    Path dir = tmp.resolve("carol");
    // whatever this computer has: no PC/SC service, or readers none of which is called NOPE
    CliWorld.Run r = init(dir, "NOPE").refused();
    assertTrue(r.line().contains("no PC/SC service") || r.line().contains("'NOPE'"), r.line());
    assertFalse(Files.exists(dir), "no data directory is left behind");
    assertFalse(r.line().contains("issuer"), "the reader is checked first: " + r.line());
  }

  @Test
  void init_unknownReader_namesTheReadersThereAre() {
    Path dir = tmp.resolve("carol");
    CliWorld.Run r = FakePcsc.with(FakePcsc.TWO_READERS, () -> init(dir, "NOPE").refused());
    assertEquals("artcash: [NOT_FOUND] no card reader named 'NOPE'; readers here: '"
        + FakePcsc.EMPTY + "', '" + FakePcsc.BROKEN + "'", r.line());
    assertFalse(Files.exists(dir));
  }

  @Test
  void init_noCardInTheReader_oneSentence_emptyDirectoryKeptEmpty() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("carol"));
    CliWorld.Run r = FakePcsc.with(FakePcsc.TWO_READERS,
        () -> init(dir, FakePcsc.EMPTY).refused());
    assertEquals("artcash: [NOT_FOUND] there is no card in reader '" + FakePcsc.EMPTY
        + "'; put the MonEbox card in and retry", r.line());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "the empty directory given stays empty");
    }
  }

  @Test
  void init_readerThatDoesNotAnswer_oneSentence() {
    Path dir = tmp.resolve("carol");
    CliWorld.Run r = FakePcsc.with(FakePcsc.TWO_READERS,
        () -> init(dir, FakePcsc.BROKEN).refused());
    assertTrue(r.line().startsWith("artcash: [STORAGE_FAILURE] card reader '" + FakePcsc.BROKEN
        + "' does not answer (SCARD_E_READER_UNAVAILABLE)"), r.line());
    assertFalse(Files.exists(dir));
  }

  @Test
  void init_noPcscService_saysHowToGetOne() {
    Path dir = tmp.resolve("carol");
    CliWorld.Run r = FakePcsc.with(FakePcsc.NO_SERVICE, () -> init(dir, "ACS ACR39U").refused());
    assertTrue(r.line().startsWith("artcash: [NOT_FOUND] no PC/SC service on this computer ("),
        r.line());
    assertTrue(r.line().endsWith("install and start pcscd (Debian and Ubuntu: apt install"
        + " pcscd) and plug in a card reader"), r.line());
    assertFalse(Files.exists(dir));
  }

  @Test
  void init_simPrefixWithoutTheTestProperty_isJustAReaderName() {
    Path dir = tmp.resolve("carol");
    CliWorld.Run r = FakePcsc.with(FakePcsc.TWO_READERS,
        () -> init(dir, "sim:carol").refused());
    assertTrue(r.line().contains("no card reader named 'sim:carol'"), r.line());
    assertFalse(Files.exists(dir));
  }

  @Test
  void init_readerAndSoftwareTogether_refused_nothingMade() {
    Path dir = tmp.resolve("carol");
    CliWorld.Run r = CliWorld.execute("", "purse", "init", "--data", dir.toString(), "--issuer",
        NO_ISSUER, "--name", "Carol", "--software", "--reader", "NOPE");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
    assertFalse(Files.exists(dir));
  }

  @Test
  void init_readerNameWithAControlCharacter_oneSentence() {
    Path dir = tmp.resolve("carol");
    CliWorld.Run r = init(dir, "reader\nB").refused();
    assertTrue(r.line().contains("a card reader's name is 1 to 200 printable characters"),
        r.line());
    assertFalse(Files.exists(dir));
  }

  @Test
  void readers_noPcscService_saidClearly() {
    CliWorld.Run r = FakePcsc.with(FakePcsc.NO_SERVICE,
        () -> CliWorld.execute("", "purse", "readers").ok());
    assertTrue(r.out().startsWith("No PC/SC service on this computer ("), r.out());
    assertTrue(r.out().strip().endsWith("install and start pcscd (Debian and Ubuntu: apt install"
        + " pcscd) and plug in a card reader."), r.out());
    assertEquals("", r.err());
    CliWorld.Run json = FakePcsc.with(FakePcsc.NO_SERVICE,
        () -> CliWorld.execute("", "purse", "readers", "--json").ok());
    assertTrue(json.out().startsWith("{\"pcsc\":false,\"problem\":\"no PC/SC service on this"
        + " computer ("), json.out());
    assertTrue(json.out().strip().endsWith(",\"readers\":[]}"), json.out());
  }

  @Test
  void readers_listsEachReaderAndWhetherACardIsIn() {
    CliWorld.Run r = FakePcsc.with(FakePcsc.TWO_READERS,
        () -> CliWorld.execute("", "purse", "readers").ok());
    assertEquals("Card readers (PC/SC):\n"
        + "  " + FakePcsc.EMPTY + "   (no card)\n"
        + "  " + FakePcsc.BROKEN + "   (does not say)\n"
        + "Make an e-purse on the card in one: artcash purse init --reader \"NAME\" --issuer URL"
        + " --name TEXT\n", r.out().replace("\r\n", "\n"));
    CliWorld.Run json = FakePcsc.with(FakePcsc.TWO_READERS,
        () -> CliWorld.execute("", "purse", "readers", "--json").ok());
    assertEquals("{\"pcsc\":true,\"problem\":null,\"readers\":[{\"name\":\"" + FakePcsc.EMPTY
        + "\",\"cardPresent\":false},{\"name\":\"" + FakePcsc.BROKEN
        + "\",\"cardPresent\":null}]}", json.out().strip());
  }
}
