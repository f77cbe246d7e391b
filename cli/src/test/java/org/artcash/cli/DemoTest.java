package org.artcash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.artcash.cli.demo.Demo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

  @Test
  void demo_runsEveryStepOfTheIssue_andTheSupplyReconciles(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    boolean reconciled;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      reconciled = new Demo(dir, out).run();
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(reconciled, text);
    assertTrue(text.contains("refused [QUORUM_NOT_MET]"), text);
    assertTrue(text.contains("same signed content: true"), text);
    assertTrue(text.contains("refused [CONFLICTING_RETRY]"), text);
    assertTrue(text.contains("nothing counted twice"), text);
    assertTrue(text.contains("second redemption credited EUR 0.00"), text);
    assertTrue(text.contains("anomalies found: 0"), text);
    assertTrue(text.contains("RECONCILED: no money was created or lost."), text);
    assertFalse(text.contains("Exception"), text);
    // several customers paid the shop on one and the same ART
    assertTrue(text.matches("(?s).*Alice pays EUR 3\\.50 .* on ART (\\w+),.*"
        + "Bob pays EUR 12\\.80 .*payment #2 on ART \\1,.*Carol pays EUR 7\\.25 .*payment #3 on "
        + "ART \\1,.*"), text);
    // the state it leaves behind is real: MonEbox files and H2 databases
    assertTrue(Files.exists(dir.resolve("alice").resolve("monebox.state")));
    assertTrue(Files.exists(dir.resolve("issuer")));
  }

  @Test
  void demo_withEveryMonEboxOnASimulatedJavaCard_reconcilesToo(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    boolean reconciled;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      reconciled = new Demo(dir, out, true).run();
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(reconciled, text);
    assertTrue(text.contains("the Java Card applet on a simulated card"), text);
    assertTrue(text.contains("same signed content: true"), text);
    assertTrue(text.contains("second redemption credited EUR 0.00"), text);
    assertTrue(text.contains("RECONCILED: no money was created or lost."), text);
    assertFalse(Files.exists(dir.resolve("alice").resolve("monebox.state")),
        "on a card the MonEbox keeps its state in the card, not in files");
  }

  @Test
  void demo_intoADirectoryThatHoldsFiles_saysSoInOneSentence_andTouchesNothing(@TempDir Path dir)
      throws Exception {
    Path old = dir.resolve("left-over.txt");
    Files.writeString(old, "earlier run");
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err))
        .execute("demo", "--data", dir.toString());
    assertEquals(1, code);
    assertTrue(err.toString().contains("[WRONG_STATE]"), err.toString());
    assertTrue(err.toString().contains("empty or new directory"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    try (var entries = Files.list(dir)) {
      assertEquals(1, entries.count());
    }
  }

  @Test
  void cli_withAnUnknownCommand_printsUsage_withoutAStackTrace() {
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err)).execute("pay-everyone");
    assertEquals(2, code);
    assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    assertFalse(err.toString().contains("\tat "), err.toString());
  }
}
