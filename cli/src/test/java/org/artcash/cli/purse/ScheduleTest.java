package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment schedule (de Jong 2024, sec. 4.1): an early request without an amount, kept by the
 * payer, paid several agreed amounts; recurring, pre-authorised or prompting; a warning when an
 * intervening payment would leave a scheduled one short.
 */
class ScheduleTest {
  @TempDir
  static Path tmp;
  static CliWorld world;

  @BeforeAll
  static void world() throws Exception {
    world = new CliWorld(tmp);
    world.person("tenant", "60.00");
    world.person("landlord", null);
    world.person("baker", null);
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void weeklyPreauthorisedPayments_onOneEarlyRequest_acceptedInOrderByThePayee() {
    Path early = tmp.resolve("early.artcash");
    CliWorld.Run made = world.purse("landlord", "request", "--early", "--file", early.toString())
        .ok();
    assertTrue(made.out().startsWith("Early payment request to 'landlord' for an amount the"
        + " payer chooses"), made.out());
    CliWorld.Run added = world.purse("tenant", "schedule add", early.toString(), "--amount",
        "12.00", "--every", "weekly", "--preauthorise", "--label", "Room rent").ok();
    assertTrue(added.out().contains(" Room rent: EUR 12.00 to 'landlord', weekly"), added.out());
    String id = added.out().replaceAll("(?s)^Scheduled #(\\d+) .*", "$1");

    CliWorld.Run first = world.purse("tenant", "schedule run").ok();
    assertTrue(first.out().contains("Paid #" + id + " 'Room rent': EUR 12.00 to 'landlord'"),
        first.out());
    String token1 = first.lineStarting("artcash:token");
    assertTrue(world.purse("tenant", "schedule list").ok().out().contains("#" + id
        + " Room rent: EUR 12.00 to 'landlord', weekly, next due"));

    // A week later the next payment is made on the state the first one left.
    CliWorld.Run second = CliWorld.shifted("P7DT1H", () -> world.purse("tenant",
        "schedule run")).ok();
    String token2 = second.lineStarting("artcash:token");
    assertTrue(second.out().contains("Paid #" + id + " 'Room rent': EUR 12.00"), second.out());

    // The landlord accepts both, in order; the early request's ART stays with this payer.
    assertTrue(world.purse("landlord", "accept", token1).ok().out().contains(
        "payment #1 on your ART"));
    CliWorld.Run got2 = world.purse("landlord", "accept", token2).ok();
    assertTrue(got2.out().contains("payment #2 on your ART") && got2.out().contains(
        "EUR 24.00 on it so far"), got2.out());
    String status = world.purse("landlord", "status").ok().out();
    assertTrue(status.contains("standing with one payer or point of sale"), status);
  }

  @Test
  void notPreauthorised_asksWhenDue_andDeclinedStaysDue() {
    String early = world.purse("baker", "request", "--early").ok()
        .lineStarting("artcash:request");
    String id = world.purse("tenant", "schedule add", early, "--amount", "2.00", "--label",
        "Bread", "--json").ok().out().replaceAll(".*\"id\":(\\d+).*\\s*", "$1");
    CliWorld.Run declined = world.runWithInput("n\n", "purse", "schedule", "run", "--data",
        world.dir("tenant").toString());
    assertTrue(declined.out().contains("Pay scheduled #" + id + " 'Bread': EUR 2.00 to 'baker'"),
        declined.out());
    assertTrue(declined.out().contains("not paid (not approved); it stays due"), declined.out());
    CliWorld.Run approved = world.runWithInput("y\n", "purse", "schedule", "run", "--data",
        world.dir("tenant").toString()).ok();
    assertTrue(approved.out().contains("Paid #" + id + " 'Bread'"), approved.out());
    assertTrue(world.purse("tenant", "schedule list").ok().out().contains("#" + id
        + " Bread: EUR 2.00 to 'baker', once, done, 1 paid"));
  }

  @Test
  void interveningPayment_warnsThatAScheduledOneWouldBeShort() {
    world.person("saver", "30.00");
    String early = world.purse("landlord", "request", "--early").ok()
        .lineStarting("artcash:request");
    world.purse("saver", "schedule add", early, "--amount", "25.00", "--every", "monthly",
        "--first", java.time.LocalDate.now().plusDays(3).toString(), "--preauthorise",
        "--label", "Energy").ok();
    String shop = world.purse("baker", "request", "--amount", "10.00").ok()
        .lineStarting("artcash:request");
    CliWorld.Run paid = world.purse("saver", "pay", shop, "--yes").ok();
    assertTrue(paid.err().contains("Warning: after this payment, pre-authorised payment #")
        && paid.err().contains("'Energy' of EUR 25.00") && paid.err().contains(
            "would be short by EUR 5.00"), paid.err());
    List<String> listed = world.purse("saver", "schedule list").ok().out().lines().toList();
    assertTrue(listed.stream().anyMatch(l -> l.contains("'Energy' due") && l.contains(
        "is short by EUR 5.00")), String.join("\n", listed));
    assertEquals(0, world.purse("saver", "status").code());
  }
}
