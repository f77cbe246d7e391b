package org.artcash.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.artcash.cli.demo.Demo;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artcash demo}: the whole system in one process, narrated step by step. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs issuer, provisioning station, customers and a shop in one process and "
        + "narrates every step, ending with the supply reconciliation.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Keep the MonEbox files and the H2 databases here (default: a temporary "
          + "directory, deleted afterwards).")
  Path data;

  @Option(names = "--card",
      description = "Run every e-purse's MonEbox as the Java Card applet on a simulated card.")
  boolean card;

  @Override
  public Integer call() throws Exception {
    boolean temporary = data == null;
    Path dir = temporary ? Files.createTempDirectory("artcash-demo") : data;
    if (!temporary && Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new ArtcashException(Reason.WRONG_STATE, "the demo sets up a new issuer and new"
              + " e-purses, so --data must name an empty or new directory; " + dir
              + " already holds files (from an earlier run?)");
        }
      }
    }
    Files.createDirectories(dir);
    try {
      return new Demo(dir, System.out, card).run() ? 0 : 1;
    } finally {
      if (temporary) {
        Demo.deleteTree(dir);
      }
    }
  }
}
