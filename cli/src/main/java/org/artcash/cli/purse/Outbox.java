package org.artcash.cli.purse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.cli.qr.QrCodes;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.purse.channel.Messages;
import picocli.CommandLine.Option;

/**
 * Where a message goes (de Jong 2024, sec. 4.1: any channel, and a different one for the request
 * and the reply): the artcash: link is always printed; besides, a file, QR code images, and QR
 * codes drawn in the terminal. A mixin of the commands that produce a request or a token.
 */
public final class Outbox {
  @Option(names = "--file", paramLabel = "FILE",
      description = "Also write the message to FILE, as its artcash: link.")
  Path file;

  @Option(names = "--png", paramLabel = "FILE",
      description = "Also write the message as QR code image(s): FILE, or FILE-1.png, FILE-2.png,"
          + " ... when it takes several codes (scan them all, in any order).")
  Path png;

  @Option(names = "--qr", description = "Also draw the QR code(s) in the terminal.")
  boolean qr;

  @Option(names = "--qr-chars", paramLabel = "N", defaultValue = "1000",
      description = "At most N characters per QR code (default ${DEFAULT-VALUE}); a longer message"
          + " is split over several codes.")
  int qrChars;

  @Option(names = "--dark-on-light",
      description = "Draw terminal QR codes for a terminal with dark text on a light background.")
  boolean darkOnLight;

  /** What was delivered where, for people and for --json. */
  public record Delivered(String link, List<Path> files, int qrCodes) {
    public void into(Json j) {
      j.put("link", link);
      List<Object> f = j.list("files");
      for (Path p : files) {
        f.add(p.toString());
      }
      j.put("qrCodes", qrCodes);
    }
  }

  /**
   * Delivers the message: prints its link (unless {@code quiet}), writes the file and images,
   * draws the terminal codes. Returns what it did.
   */
  public Delivered deliver(String kind, byte[] payload, PrintWriter out, boolean quiet)
      throws ArtcashException {
    if (qrChars < 100 || qrChars > 4000) {
      throw new ArtcashException(Reason.MALFORMED, "--qr-chars is 100 to 4000, not " + qrChars);
    }
    String link = Messages.link(kind, payload);
    List<Path> files = new ArrayList<>();
    if (!quiet) {
      out.println(link);
    }
    if (file != null) {
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(file, link + "\n", StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot write " + file + ": "
            + e.getMessage(), e);
      }
      files.add(file);
      if (!quiet) {
        out.println("written to " + file);
      }
    }
    List<String> texts = Messages.qrTexts(kind, payload, qrChars);
    if (png != null) {
      List<Path> images = QrCodes.writePng(texts, png);
      files.addAll(images);
      if (!quiet) {
        out.println(images.size() == 1 ? "QR code written to " + images.get(0)
            : "QR codes (" + images.size() + ", scan all) written to " + join(images));
      }
    }
    if (qr && !quiet) {
      for (int i = 0; i < texts.size(); i++) {
        if (texts.size() > 1) {
          out.println("QR code " + (i + 1) + " of " + texts.size() + ":");
        }
        out.print(QrCodes.terminal(texts.get(i), darkOnLight));
      }
    }
    out.flush();
    return new Delivered(link, files, texts.size());
  }

  private static String join(List<Path> paths) {
    return String.join(", ", paths.stream().map(Path::toString).toList());
  }
}
