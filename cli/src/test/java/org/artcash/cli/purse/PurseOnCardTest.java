package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.artcash.core.ArtcashException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An e-purse whose MonEbox is a card in a reader, here the MonEbox applet on a simulated card
 * ({@code --reader sim:NAME}, allowed by {@code artcash.allowSimulatedCards=true}): init, load,
 * request, pay, accept and redeem with a software e-purse through links, every command reaching
 * the same card; the money is in the card, the data directory holds the e-purse database only.
 */
class PurseOnCardTest {
  @TempDir
  static Path tmp;
  static CliWorld world;

  @BeforeAll
  static void world() throws Exception {
    System.setProperty(SimulatedCards.ALLOW_PROPERTY, "true");
    world = new CliWorld(tmp);
    // class 1: payment keys for more than EUR 50.00, so the button threshold is reached
    CliWorld.Run init = world.run("purse", "init", "--data", world.dir("carol").toString(),
        "--issuer", world.issuerUrl, "--name", "Carol", "--reader", "sim:carol",
        "--device-class", "1").ok();
    assertTrue(init.out().contains("MonEbox       card in reader 'sim:carol', device "),
        init.out());
    assertTrue(init.err().contains("a simulation build of the MonEbox"), init.err());
    world.purse("carol", "load", "100.00").ok();
    world.person("dave", "30.00");
  }

  @AfterAll
  static void close() {
    world.close();
    System.clearProperty(SimulatedCards.ALLOW_PROPERTY);
  }

  private static String balance(String name) {
    String json = world.status(name);
    return json.replaceAll("(?s).*?\"balance\":\"([^\"]*)\".*", "$1");
  }

  /** What the card itself says, past the e-purse software. */
  private static String cardBalance(String reader) throws ArtcashException {
    return org.artcash.cli.console.Show.money(SimulatedCards.card(reader).balance());
  }

  @Test
  void init_recordsTheReader_andKeepsNoMonEboxFiles() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(world.dir("carol").resolve(PurseHome.CONFIG),
        StandardCharsets.UTF_8)) {
      p.load(r);
    }
    assertEquals("reader:sim:carol", p.getProperty("monebox"));
    assertFalse(Files.exists(world.dir("carol").resolve("monebox.state")));
    assertFalse(Files.exists(world.dir("carol").resolve("monebox.counter")));
    assertTrue(world.status("dave").contains("\"monebox\":\"software\""));
    CliWorld.Run status = world.purse("carol", "status").ok();
    assertTrue(status.out().contains("  MonEbox                     card in reader 'sim:carol'"),
        status.out());
  }

  @Test
  void payBothWaysThroughLinks_moneyMovesInTheCard() throws ArtcashException {
    String carolBefore = balance("carol");
    assertEquals(carolBefore, cardBalance("sim:carol"));

    // the card pays the software e-purse
    String request = world.purse("dave", "request", "--amount", "3.50").ok()
        .lineStarting("artcash:request");
    CliWorld.Run paid = world.purse("carol", "pay", request, "--yes").ok();
    assertTrue(paid.out().contains("Paid EUR 3.50 to 'dave'"), paid.out());
    String token = paid.lineStarting("artcash:token");
    assertTrue(world.purse("dave", "accept", token).ok().out().contains("Received EUR 3.50"));

    // the software e-purse pays the card; redeemed into the card in a separate step
    String back = world.purse("carol", "request", "--amount", "2.00").ok()
        .lineStarting("artcash:request");
    String backToken = world.purse("dave", "pay", back, "--yes").ok()
        .lineStarting("artcash:token");
    CliWorld.Run received = world.purse("carol", "accept", backToken, "--no-redeem").ok();
    assertTrue(received.out().contains("Received EUR 2.00"), received.out());
    long before = cents(carolBefore);
    assertEquals(before - 350, cents(cardBalance("sim:carol")), "not yet in the card");
    world.purse("carol", "redeem").ok(); // opening the e-purse redeems what it holds
    assertEquals(before - 350 + 200, cents(cardBalance("sim:carol")));
    assertEquals(before - 350 + 200, cents(balance("carol")));
    assertEquals(balance("carol"), cardBalance("sim:carol"));
    String history = world.purse("carol", "history").ok().out();
    assertTrue(history.contains("-EUR 3.50"), history);
    assertTrue(history.contains("+EUR 2.00"), history);
  }

  @Test
  void pay_aboveTheButtonThreshold_theApprovalPressesTheSimulatedCardsButton()
      throws ArtcashException {
    world.freshArts("dave");
    long before = cents(balance("carol"));
    String request = world.purse("dave", "request", "--amount", "60.00").ok()
        .lineStarting("artcash:request");
    CliWorld.Run paid = world.purse("carol", "pay", request, "--yes").ok();
    assertTrue(paid.err().contains("EUR 60.00 is above the MonEbox's button threshold: your"
        + " approval presses the simulated card's button."), paid.err());
    assertTrue(world.purse("dave", "accept", paid.lineStarting("artcash:token")).ok().out()
        .contains("Received EUR 60.00"));
    assertEquals(before - 6000, cents(balance("carol")));
    assertEquals(balance("carol"), cardBalance("sim:carol"));
  }

  @Test
  void init_onAPersonalisedCard_oneSentence_nothingLeftBehind() {
    Path dir = world.dir("carol-again");
    CliWorld.Run r = world.run("purse", "init", "--data", dir.toString(), "--issuer",
        world.issuerUrl, "--name", "Carol", "--reader", "sim:carol").refused();
    assertTrue(r.line().startsWith("artcash: [WRONG_STATE] the MonEbox card in reader"
        + " 'sim:carol' is personalised already (device "), r.line());
    assertTrue(r.line().endsWith("a card is provisioned once: put a blank MonEbox card in the"
        + " reader"), r.line());
    assertFalse(Files.exists(dir));
  }

  @Test
  void anotherCardInTheReader_oneSentence_nothingChanged() throws IOException {
    world.run("purse", "init", "--data", world.dir("erin").toString(), "--issuer",
        world.issuerUrl, "--name", "Erin", "--reader", "sim:erin").ok();
    String erin = world.status("erin");
    String carol = world.status("carol");
    // carol's e-purse now finds erin's card where its own should be
    Path config = world.dir("carol").resolve(PurseHome.CONFIG);
    String original = Files.readString(config, StandardCharsets.UTF_8);
    Properties p = new Properties();
    p.load(new java.io.StringReader(original));
    p.setProperty("monebox", "reader:sim:erin");
    try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    try {
      CliWorld.Run r = world.purse("carol", "status").refused();
      assertTrue(r.line().startsWith("artcash: [NOT_BOUND] this e-purse database is bound to"
          + " MonEbox "), r.line());
      assertTrue(r.line().endsWith(" in reader 'sim:erin': put this e-purse's card in that"
          + " reader"), r.line());
    } finally {
      Files.writeString(config, original, StandardCharsets.UTF_8);
    }
    assertEquals(carol, world.status("carol"));
    assertEquals(erin, world.status("erin"));
  }

  @Test
  void blankCardInTheReader_oneSentence_nothingChanged() throws IOException {
    String carol = world.status("carol");
    Path config = world.dir("carol").resolve(PurseHome.CONFIG);
    String original = Files.readString(config, StandardCharsets.UTF_8);
    // a simulated card of an earlier program is gone: the name now gives a blank card
    Files.writeString(config, original.replace("monebox=reader\\:sim\\:carol",
        "monebox=reader\\:sim\\:gone"), StandardCharsets.UTF_8);
    try {
      assertTrue(Files.readString(config).contains("sim\\:gone"));
      CliWorld.Run r = world.purse("carol", "status").refused();
      assertEquals("artcash: [NOT_BOUND] the card in reader 'sim:gone' is a blank MonEbox, not"
          + " this e-purse's: put this e-purse's card in that reader (a simulated card lives"
          + " only in the program that made it)", r.line());
    } finally {
      Files.writeString(config, original, StandardCharsets.UTF_8);
    }
    assertEquals(carol, world.status("carol"));
  }

  @Test
  void readers_sayThatSimulatedCardsAreAllowedHere() {
    CliWorld.Run r = FakePcsc.with(FakePcsc.NO_SERVICE, () -> world.run("purse", "readers").ok());
    assertTrue(r.out().contains("Simulated cards are allowed in this program"
        + " (artcash.allowSimulatedCards=true, for tests and demonstrations): any reader name"
        + " starting 'sim:'; in use: sim:carol"), r.out());
  }

  private static long cents(String money) {
    String digits = money.replaceAll("[^0-9]", "");
    return Long.parseLong(digits);
  }
}
