package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command given bad input prints one clear sentence and changes nothing: the e-purses'
 * status (balance, ARTs, keys, jars, schedule) is the same before and after.
 */
class BadInputTest {
  @TempDir
  static Path tmp;
  static CliWorld world;
  String aliceBefore;
  String shopBefore;

  @BeforeAll
  static void world() throws Exception {
    world = new CliWorld(tmp);
    world.person("alice", "20.00");
    world.person("shop", null);
    world.person("carol", null);
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @BeforeEach
  void remember() {
    world.freshArts("shop");
    aliceBefore = world.status("alice");
    shopBefore = world.status("shop");
  }

  private void nothingChanged() {
    assertEquals(aliceBefore, world.status("alice"));
    assertEquals(shopBefore, world.status("shop"));
  }

  @Test
  void pay_garbledLink_oneSentence() {
    String link = world.purse("shop", "request", "--amount", "1.00").ok()
        .lineStarting("artcash:request");
    shopBefore = world.status("shop"); // the request itself reserved an ART
    String garbled = link.substring(0, 40) + "!" + link.substring(41);
    CliWorld.Run r = world.purse("alice", "pay", garbled, "--yes").refused();
    assertTrue(r.line().contains("not base64url"), r.line());
    CliWorld.Run cut = world.purse("alice", "pay", link.substring(0, link.length() / 2), "--yes")
        .refused();
    assertTrue(cut.line().startsWith("artcash: ["), cut.line());
    nothingChanged();
  }

  @Test
  void accept_tokenForSomeoneElse_oneSentence() {
    String request = world.purse("carol", "request", "--amount", "1.00").ok()
        .lineStarting("artcash:request");
    String token = world.purse("alice", "pay", request, "--yes").ok()
        .lineStarting("artcash:token");
    aliceBefore = world.status("alice");
    CliWorld.Run r = world.purse("shop", "accept", token).refused();
    assertTrue(r.line().contains("[NOT_EXPECTED_PAYMENT] this token pays someone else"),
        r.line());
    nothingChanged();
  }

  @Test
  void pay_expiredRequest_oneSentence() {
    String request = world.purse("shop", "request", "--amount", "1.00").ok()
        .lineStarting("artcash:request");
    shopBefore = world.status("shop");
    CliWorld.Run r = CliWorld.shifted("P40D",
        () -> world.purse("alice", "pay", request, "--yes"));
    r.refused();
    assertTrue(r.line().contains("[EXPIRED]") && r.line().contains("ask the payee for a fresh"
        + " one"), r.line());
    nothingChanged();
  }

  @Test
  void fileThatIsNotAToken_oneSentence_forEveryCommandThatReadsOne() throws Exception {
    Path notes = tmp.resolve("notes.txt");
    Files.writeString(notes, "shopping list: bread, milk\n");
    Path picture = tmp.resolve("blank.png");
    java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(64, 64,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    javax.imageio.ImageIO.write(blank, "png", picture.toFile());
    assertTrue(world.purse("shop", "accept", notes.toString()).refused().line()
        .contains("is not an artcash message"));
    assertTrue(world.purse("alice", "pay", notes.toString(), "--yes").refused().line()
        .contains("is not an artcash message"));
    assertTrue(world.purse("shop", "accept", picture.toString()).refused().line()
        .contains("no QR code was found"));
    assertTrue(world.purse("shop", "accept", tmp.resolve("missing.artcash").toString())
        .refused().line().contains("neither an artcash: link nor a file that exists"));
    assertTrue(world.run("verify", "--root", world.rootOfTrust().toString(), notes.toString())
        .refused().line().contains("is not an artcash message"));
    assertTrue(world.purse("alice", "schedule add", notes.toString(), "--amount", "1.00")
        .refused().line().contains("is not an artcash message"));
    nothingChanged();
  }

  @Test
  void wrongKindOfMessage_oneSentence() {
    String request = world.purse("shop", "request", "--amount", "1.00").ok()
        .lineStarting("artcash:request");
    shopBefore = world.status("shop");
    assertTrue(world.purse("shop", "accept", request).refused().line()
        .contains("this is a payment request, not a transfer token"));
    nothingChanged();
  }

  @Test
  void badAmountsAndNames_oneSentence() {
    assertTrue(world.purse("shop", "request", "--amount", "1.234").refused().line()
        .contains("at most 2 decimals"));
    assertTrue(world.purse("shop", "request", "--amount", "-3").refused().line()
        .contains("negative"));
    assertTrue(world.purse("alice", "jar put", "nojar", "1.00").refused().line()
        .contains("there is no jar named 'nojar'"));
    assertTrue(world.purse("alice", "schedule cancel", "x7").refused().line()
        .contains("is not the number of a scheduled payment"));
    assertTrue(world.purse("alice", "cancel", "zz").refused().line()
        .contains("is not an ART id"));
    assertTrue(world.purse("alice", "export", "--format", "pdf").refused().line()
        .contains("csv or statement"));
    assertTrue(world.run("purse", "status", "--data", tmp.resolve("nobody").toString())
        .refused().line().contains("there is no e-purse in"));
    nothingChanged();
  }

  @Test
  void init_issuerNotReachable_oneSentence_nothingLeftBehind() {
    Path dir = tmp.resolve("dave");
    CliWorld.Run r = world.run("purse", "init", "--data", dir.toString(), "--issuer",
        "http://127.0.0.1:1", "--name", "Dave").refused();
    assertTrue(r.line().contains("could not reach the issuer"), r.line());
    assertTrue(!Files.exists(dir.resolve("purse.properties")));
    assertTrue(world.run("purse", "init", "--data", dir.toString(), "--issuer", "ftp://x",
        "--name", "Dave").refused().line().contains("is not an http:// or https:// address"));
    nothingChanged();
  }

  @Test
  void pay_declinedAtThePrompt_nothingPaid() {
    String request = world.purse("shop", "request", "--amount", "1.00").ok()
        .lineStarting("artcash:request");
    shopBefore = world.status("shop");
    CliWorld.Run r = world.runWithInput("n\n", "purse", "pay", request, "--data",
        world.dir("alice").toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("Pay EUR 1.00 to 'shop'? [y/N]"), r.out());
    assertTrue(r.out().contains("Not paid; nothing changed."), r.out());
    nothingChanged();
  }

  @Test
  void pay_moreThanTheBalance_oneSentence() {
    String request = world.purse("shop", "request", "--amount", "45.00").ok()
        .lineStarting("artcash:request");
    shopBefore = world.status("shop");
    CliWorld.Run r = world.purse("alice", "pay", request, "--yes").refused();
    assertTrue(r.line().contains("[INSUFFICIENT_FUNDS]"), r.line());
    nothingChanged();
  }
}
