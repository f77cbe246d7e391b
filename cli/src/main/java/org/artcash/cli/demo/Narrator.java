package org.artcash.cli.demo;

import java.io.PrintStream;

/** Prints the demo's account: numbered steps with indented details. */
final class Narrator {
  private final PrintStream out;
  private int step;

  Narrator(PrintStream out) {
    this.out = out;
  }

  void step(String title) {
    step++;
    out.println();
    out.println(step + ". " + title);
  }

  void say(String format, Object... args) {
    out.println("   " + String.format(format, args));
  }

  void refused(String what, org.artcash.core.ArtcashException e) {
    out.println("   " + what + " -> refused [" + e.reason() + "]: " + e.getMessage());
  }
}
