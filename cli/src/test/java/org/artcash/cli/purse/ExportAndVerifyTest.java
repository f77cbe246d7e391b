package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bookkeeping and the auditor (de Jong 2024, sec. 4.1): every exported line carries its transfer
 * token, which 'artcash verify' checks on its own with only the root of trust.
 */
class ExportAndVerifyTest {
  @TempDir
  static Path tmp;
  static CliWorld world;

  @BeforeAll
  static void world() throws Exception {
    world = new CliWorld(tmp);
    world.person("payer", "25.00");
    world.person("bakery", null);
    String request = world.purse("bakery", "request", "--amount", "6.40").ok()
        .lineStarting("artcash:request");
    String token = world.purse("payer", "pay", request, "--yes").ok()
        .lineStarting("artcash:token");
    world.purse("bakery", "accept", token).ok();
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void csvExport_eachLineWithItsProof_verifiedByTheAuditorWithTheRootAlone() throws Exception {
    Path csv = tmp.resolve("bakery.csv");
    world.purse("bakery", "export", "--format", "csv", "--output", csv.toString()).ok();
    List<String> lines = Files.readAllLines(csv);
    assertEquals("time,direction,counterparty,amount,currency,art,payment,proof", lines.get(0));
    String row = lines.get(1);
    assertTrue(row.contains(",received,") && row.contains(",6.40,EUR,"), row);
    String proof = row.substring(row.lastIndexOf(',') + 1);
    assertTrue(proof.startsWith("artcash:token"), proof);

    CliWorld.Run audit = world.run("verify", "--root", world.rootOfTrust().toString(), proof)
        .ok();
    assertTrue(audit.out().startsWith("VALID: this transfer token proves a payment of EUR 6.40."),
        audit.out());
    assertTrue(audit.out().contains("paid to    bakery, pseudonym "), audit.out());
    assertTrue(audit.out().contains("when       "), audit.out());

    // The payer's own export proves the same payment.
    Path payerCsv = tmp.resolve("payer.csv");
    world.purse("payer", "export", "--format", "csv", "--output", payerCsv.toString()).ok();
    String paid = Files.readAllLines(payerCsv).stream().filter(l -> l.contains(",paid,"))
        .findFirst().orElseThrow();
    assertTrue(paid.contains("\"bakery\",-6.40,EUR"), paid);
    world.run("verify", "--root", world.rootOfTrust().toString(),
        paid.substring(paid.lastIndexOf(',') + 1)).ok();
  }

  @Test
  void statementExport_bankStyleWithRunningBalance() {
    CliWorld.Run s = world.purse("payer", "export").ok();
    assertTrue(s.out().startsWith("Statement of the e-purse of payer"), s.out());
    assertTrue(s.out().contains("Opening balance"), s.out());
    assertTrue(s.out().lines().anyMatch(l -> l.contains("bakery") && l.contains("6.40")
        && l.trim().endsWith("18.60")), s.out());
    assertTrue(s.out().contains("proof: artcash:token"), s.out());
  }

  @Test
  void verify_alteredProofOrWrongRoot_oneSentence() throws Exception {
    Path csv = tmp.resolve("again.csv");
    world.purse("bakery", "export", "--format", "csv", "--output", csv.toString()).ok();
    String row = Files.readAllLines(csv).get(1);
    String proof = row.substring(row.lastIndexOf(',') + 1);
    org.artcash.core.art.TransferToken t = org.artcash.core.art.TransferToken.decode(
        org.artcash.core.text.ArtcashUri.decode(proof, "token").payload());
    org.artcash.core.art.PaymentRecord.Fields f = t.record().fields();
    org.artcash.core.art.TransferToken forged = new org.artcash.core.art.TransferToken(t.config(),
        org.artcash.core.art.PaymentRecord.of(new org.artcash.core.art.PaymentRecord.Fields(
            f.artId(), f.seq(), 64000, f.aggregate() - f.amount() + 64000, f.time(),
            f.prevHash(), f.keyUse(), f.keyCertificate()), t.record().signature()), t.chain());
    String forgedLink = org.artcash.purse.channel.Messages.link("token", forged.encode());
    CliWorld.Run r = world.run("verify", "--root", world.rootOfTrust().toString(), forgedLink)
        .refused();
    assertTrue(r.line().contains("NOT VALID"), r.line());

    try (CliWorld other = new CliWorld(tmp.resolve("other"))) {
      CliWorld.Run wrongRoot = world.run("verify", "--root", other.rootOfTrust().toString(),
          proof).refused();
      assertTrue(wrongRoot.line().startsWith("artcash: ["), wrongRoot.line());
    }
  }
}
