package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.artcash.core.text.ArtcashUri;
import org.artcash.core.text.Chunks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two e-purses paying each other through every channel of de Jong 2024, sec. 4.1, driven through
 * the artcash command: QR code images written and read back, links, files, HTTP, and mixes.
 */
class PayThroughChannelsTest {
  @TempDir
  static Path tmp;
  static CliWorld world;

  @BeforeAll
  static void world() throws Exception {
    world = new CliWorld(tmp);
    world.person("alice", "40.00");
    world.person("bob", "30.00");
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void qrCodeImages_writtenAndReadBackByZxing_payBothWays() throws Exception {
    Path request = tmp.resolve("qr").resolve("request.png");
    world.purse("bob", "request", "--amount", "3.50", "--png", request.toString()).ok();
    // The images themselves hold the request: ZXing's decoder reads them from the PNG files.
    List<Path> requestImages = pngs(request.getParent(), "request");
    List<String> scanned = new ArrayList<>();
    for (Path p : requestImages) {
      scanned.add(decodeWithZxing(p));
    }
    String whole = scanned.size() == 1 ? scanned.get(0) : Chunks.join(scanned);
    assertTrue(whole.startsWith("ARTCASH:REQUEST"), whole);
    assertEquals("request", ArtcashUri.decode(whole).kind());

    Path token = tmp.resolve("qr").resolve("token.png");
    List<String> pay = new ArrayList<>(List.of("pay"));
    requestImages.forEach(p -> pay.add(p.toString()));
    CliWorld.Run paid = world.purse("alice", String.join(" ", pay), "--yes", "--png",
        token.toString()).ok();
    assertTrue(paid.out().contains("Pay to      bob"), paid.out());
    assertTrue(paid.out().contains("Paid EUR 3.50 to 'bob'"), paid.out());
    List<Path> parts = pngs(token.getParent(), "token");
    assertTrue(parts.size() > 1, "a token takes several QR codes: " + parts);
    List<String> texts = new ArrayList<>();
    for (Path p : parts) {
      String t = decodeWithZxing(p);
      assertTrue(t.length() <= 1000, "one QR code holds at most 1000 characters: " + t.length());
      texts.add(t);
    }
    assertEquals("token", ArtcashUri.decode(Chunks.join(texts)).kind());

    List<String> accept = new ArrayList<>(List.of("accept"));
    // scanned in any order
    for (int i = parts.size() - 1; i >= 0; i--) {
      accept.add(parts.get(i).toString());
    }
    CliWorld.Run received = world.purse("bob", String.join(" ", accept)).ok();
    assertTrue(received.out().contains("Received EUR 3.50"), received.out());

    // and back: bob pays alice through QR images too
    Path back = tmp.resolve("qr2").resolve("request.png");
    world.purse("alice", "request", "--amount", "1.25", "--png", back.toString()).ok();
    Path backToken = tmp.resolve("qr2").resolve("token.png");
    List<String> payBack = new ArrayList<>(List.of("pay"));
    pngs(back.getParent(), "request").forEach(p -> payBack.add(p.toString()));
    world.purse("bob", String.join(" ", payBack), "--yes", "--png", backToken.toString()).ok();
    List<String> args = new ArrayList<>(List.of("accept"));
    pngs(backToken.getParent(), "token").forEach(p -> args.add(p.toString()));
    assertTrue(world.purse("alice", String.join(" ", args)).ok().out()
        .contains("Received EUR 1.25"));
  }

  @Test
  void links_payerChoosesTheAmount_payeeSeesTheReceipt() {
    String request = world.purse("alice", "request").ok().lineStarting("artcash:request");
    CliWorld.Run paid = world.purse("bob", "pay", request, "--amount", "2.00", "--yes").ok();
    assertTrue(paid.out().contains("(your amount; the payee's request names none)"), paid.out());
    String token = paid.lineStarting("artcash:token");
    CliWorld.Run got = world.purse("alice", "accept", token).ok();
    assertTrue(got.out().contains("Received EUR 2.00"), got.out());
    assertTrue(world.purse("alice", "history").ok().out().contains("+EUR 2.00"));
    assertTrue(world.purse("bob", "history").ok().out().contains("-EUR 2.00"));
  }

  @Test
  void terminal_qrCodeDrawnWithBlocks() {
    CliWorld.Run r = world.purse("bob", "request", "--amount", "0.10", "--qr").ok();
    long rows = r.out().lines().filter(l -> l.contains("\u2588")).count();
    assertTrue(rows > 30, "a QR code of block characters: " + r.out());
    world.purse("bob", "cancel", r.out().replaceAll("(?s).*\\(ART ([0-9a-f]+),.*", "$1")).ok();
  }

  @Test
  void files_requestAndTokenTravelAsFiles() {
    Path request = tmp.resolve("files").resolve("request.artcash");
    Path token = tmp.resolve("files").resolve("token.artcash");
    world.purse("bob", "request", "--amount", "4.10", "--file", request.toString()).ok();
    world.purse("alice", "pay", request.toString(), "--yes", "--file", token.toString()).ok();
    assertTrue(Files.exists(token));
    assertTrue(world.purse("bob", "accept", token.toString()).ok().out()
        .contains("Received EUR 4.10"));
  }

  @Test
  void http_requestFetchedFromThePayeeAndTokenSentBack_thenAMixOfChannels() throws Exception {
    try (PurseHome bob = PurseHome.open(world.dir("bob"));
        PayeeServer server = PayeeServer.start(bob, "127.0.0.1", 0, line -> { })) {
      String address = "http://127.0.0.1:" + server.port();
      CliWorld.Run paid = world.purse("alice", "pay", address, "--amount", "1.50", "--yes").ok();
      assertTrue(paid.out().contains("The payee at " + address + " answered: Received EUR 1.50"),
          paid.out());

      // request by link (fetched with curl, say), token back over HTTP
      String link = new org.artcash.cli.http.WebClient(java.net.URI.create(address), "the payee")
          .getText("/artcash/request?amount=0.75");
      CliWorld.Run mixed = world.purse("alice", "pay", link, "--to", address, "--yes").ok();
      assertTrue(mixed.out().contains("answered: Received EUR 0.75"), mixed.out());
    }
  }

  /** ZXing's QR decoder on the image read back from the PNG file (as QrCodes tries it). */
  static String decodeWithZxing(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    var source = new BufferedImageLuminanceSource(image);
    for (var bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
        new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)))) {
      try {
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true))
            .getText();
      } catch (com.google.zxing.ReaderException e) {
        // the next binarizer
      }
    }
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
        Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
  }

  static List<Path> pngs(Path dir, String stem) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches(stem + "(-\\d+)?\\.png")).sorted()
          .toList();
    }
  }
}
