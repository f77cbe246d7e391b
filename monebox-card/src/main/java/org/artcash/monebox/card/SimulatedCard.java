package org.artcash.monebox.card;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import com.licel.jcardsim.utils.AIDUtil;
import java.io.OutputStream;
import java.io.PrintStream;
import javacard.framework.AID;
import javax.smartcardio.CardTerminal;
import org.artcash.monebox.applet.MonEboxApplet;

/**
 * A jCardSim card with the MonEbox applet installed, behind a simulated PC/SC terminal. Run with
 * {@code -Dcom.licel.jcardsim.randomdata.secure=1}: without it jCardSim's random numbers (device
 * and payment keys, blinding factors) are predictable (STYLE.md).
 */
final class SimulatedCard {
  private SimulatedCard() {}

  static CardTerminal newTerminal(byte[] aidBytes) {
    if (!"1".equals(System.getProperty("com.licel.jcardsim.randomdata.secure"))) {
      throw new IllegalStateException("jCardSim needs -Dcom.licel.jcardsim.randomdata.secure=1,"
          + " or its keys and blinding factors come from a fixed seed");
    }
    CardSimulator simulator = new CardSimulator();
    AID aid = AIDUtil.create(aidBytes);
    synchronized (SimulatedCard.class) {
      // jCardSim 3.0.5 prints a line per Signature.getInstance; the applet makes them at install
      PrintStream out = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      try {
        simulator.installApplet(aid, MonEboxApplet.class);
      } finally {
        System.setOut(out);
      }
    }
    return CardTerminalSimulator.terminal(simulator);
  }
}
