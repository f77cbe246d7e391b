package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget manager (de Jong 2024, sec. 4.1, footnote 17): jars that partition the balance. */
class BudgetTest {
  @TempDir
  static Path tmp;
  static CliWorld world;

  @BeforeAll
  static void world() throws Exception {
    world = new CliWorld(tmp);
    world.person("mia", "50.00");
    world.person("grocer", null);
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void jarsPartitionTheBalance_paymentsTakenFromAJar_balanceShownPerJar() {
    world.purse("mia", "jar add", "food", "20.00").ok();
    CliWorld.Run rent = world.purse("mia", "jar add", "rent", "25.00").ok();
    assertTrue(rent.out().contains("(in no jar)              EUR 5.00"), rent.out());

    String request = world.purse("grocer", "request", "--amount", "7.50").ok()
        .lineStarting("artcash:request");
    world.purse("mia", "pay", request, "--jar", "food", "--yes").ok();
    CliWorld.Run list = world.purse("mia", "jar list").ok();
    assertTrue(list.out().contains("food                     EUR 12.50"), list.out());
    assertTrue(list.out().contains("rent                     EUR 25.00"), list.out());
    assertTrue(list.out().contains("(in no jar)              EUR 5.00"), list.out());
    assertTrue(list.out().contains("spendable in all         EUR 42.50"), list.out());

    // More than the jar holds: refused before anything is approved.
    String big = world.purse("grocer", "request", "--amount", "15.00").ok()
        .lineStarting("artcash:request");
    String before = world.status("mia");
    CliWorld.Run refused = world.purse("mia", "pay", big, "--jar", "food", "--yes").refused();
    assertTrue(refused.line().contains("jar 'food' holds EUR 12.50; EUR 15.00 cannot be taken"
        + " from it"), refused.line());
    assertEquals(before, world.status("mia"));

    // Without a jar, a payment larger than the money in no jar is paid with a warning.
    CliWorld.Run warned = world.purse("mia", "pay", big, "--yes").ok();
    assertTrue(warned.err().contains("Warning: only EUR 5.00 is in no jar"), warned.err());
    CliWorld.Run after = world.purse("mia", "jar list").ok();
    assertTrue(after.out().contains("Warning: the jars hold EUR 10.00 more than the e-purse"),
        after.out());

    world.purse("mia", "jar take", "rent", "10.00").ok();
    CliWorld.Run json = world.purse("mia", "jar list", "--json").ok();
    assertTrue(json.out().contains("{\"name\":\"rent\",\"balance\":\"EUR 15.00\"}"), json.out());
    assertTrue(json.out().contains("\"overAllocated\":\"EUR 0.00\""), json.out());
  }
}
