package org.artcash.cli.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks the person at the keyboard. The answer is read from standard input, a line at a time. */
public final class Prompt {
  private Prompt() {}

  /**
   * Asks a yes/no question; true only for "y" or "yes". No answer (the end of the input, as in a
   * script) counts as no.
   */
  public static boolean confirm(PrintWriter out, String question) {
    out.print(question + " [y/N] ");
    out.flush();
    String answer = readLine(System.in);
    if (answer == null) {
      out.println();
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /** Waits for the person to press Enter; false at the end of the input (as in a script). */
  public static boolean enter() {
    return readLine(System.in) != null;
  }

  /** One line without its end, or null at the end of the input; reads no further than the line. */
  static String readLine(InputStream in) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          return line.toString(StandardCharsets.UTF_8);
        }
        if (b != '\r') {
          line.write(b);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }
}
