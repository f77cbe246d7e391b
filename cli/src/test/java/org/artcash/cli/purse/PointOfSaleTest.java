package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points of sale (de Jong 2024, sec. 4.1): acceptance devices of one shop obtain ARTs from the
 * shop's e-purse, accept payments in software, and hand the tokens in for redemption there.
 */
class PointOfSaleTest {
  @TempDir
  static Path tmp;
  static CliWorld world;

  @BeforeAll
  static void world() throws Exception {
    world = new CliWorld(tmp);
    world.person("shop", null);
    world.person("customer", "30.00");
  }

  @AfterAll
  static void close() {
    world.close();
  }

  private CliWorld.Run pos(String device, String command, String... args) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("pos"));
    all.addAll(java.util.Arrays.asList(command.split(" ")));
    all.add("--data");
    all.add(tmp.resolve(device).toString());
    all.addAll(java.util.Arrays.asList(args));
    return world.run(all.toArray(String[]::new));
  }

  @Test
  void tillTakesPaymentsOnTheShopsArts_andHandsThemInByFile() {
    pos("till-1", "init", "--name", "till-1", "--root", world.rootOfTrust().toString()).ok();
    Path arts = tmp.resolve("arts.artcash");
    world.purse("shop", "pos hand-out", "--device", "till-1", "--count", "2", "--file",
        arts.toString()).ok();
    assertTrue(pos("till-1", "load", arts.toString()).ok().out().contains("Loaded 2 ART(s)."));

    String request = pos("till-1", "request", "--amount", "4.20").ok()
        .lineStarting("artcash:request");
    String token = world.purse("customer", "pay", request, "--yes").ok()
        .lineStarting("artcash:token");
    assertTrue(pos("till-1", "accept", token).ok().out().contains("Received EUR 4.20"));
    // a second sale on the same ART
    String request2 = pos("till-1", "request", "--amount", "1.30").ok()
        .lineStarting("artcash:request");
    String token2 = world.purse("customer", "pay", request2, "--yes").ok()
        .lineStarting("artcash:token");
    pos("till-1", "accept", token2).ok();
    assertTrue(pos("till-1", "status").ok().out().contains("2 payment(s) (EUR 5.50) to hand in"));

    Path handIn = tmp.resolve("hand-in.artcash");
    pos("till-1", "hand-in", "--file", handIn.toString()).ok();
    CliWorld.Run collected = world.purse("shop", "pos collect", handIn.toString()).ok();
    assertTrue(collected.out().startsWith("Collected 2 payment(s) (EUR 5.50)"), collected.out());
    assertTrue(world.purse("shop", "status").ok().out().contains("balance                     EUR"
        + " 5.50"));
    // handing in the same tokens again counts nothing twice
    pos("till-1", "hand-in", "--file", handIn.toString(), "--all").ok();
    world.purse("shop", "pos collect", handIn.toString()).ok();
    assertTrue(world.purse("shop", "status").ok().out().contains("balance                     EUR"
        + " 5.50"));
  }

  @Test
  void tillSyncsWithTheShopOverHttp_andRefusesATokenForAnotherShop() throws Exception {
    pos("till-2", "init", "--name", "till-2", "--root", world.rootOfTrust().toString()).ok();
    world.person("market", null);
    try (PurseHome shop = PurseHome.open(world.dir("market"));
        PayeeServer server = PayeeServer.start(shop, "127.0.0.1", 0, line -> { })) {
      String address = "http://127.0.0.1:" + server.port();
      assertTrue(pos("till-2", "sync", "--shop", address).ok().out()
          .contains("Loaded 2 fresh ART(s)."));
      String request = pos("till-2", "request", "--amount", "2.00").ok()
          .lineStarting("artcash:request");
      String token = world.purse("customer", "pay", request, "--yes").ok()
          .lineStarting("artcash:token");
      pos("till-2", "accept", token).ok();

      world.person("other-shop", null);
      String foreign = world.purse("other-shop", "request", "--amount", "1.00").ok()
          .lineStarting("artcash:request");
      String foreignToken = world.purse("customer", "pay", foreign, "--yes").ok()
          .lineStarting("artcash:token");
      CliWorld.Run refused = pos("till-2", "accept", foreignToken).refused();
      assertTrue(refused.line().contains("this token pays someone else"), refused.line());

      CliWorld.Run synced = pos("till-2", "sync", "--shop", address).ok();
      assertTrue(synced.out().contains("Shop: Collected 1 payment(s) (EUR 2.00)"), synced.out());
      shop.purse().redeemAll();
      assertEquals("EUR 2.00", shop.purse().balance().toString());
    }
  }
}
