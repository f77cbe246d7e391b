package org.artcash.cli.purse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import org.artcash.cli.http.WebClient;
import org.artcash.cli.qr.QrCodes;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.purse.channel.Messages;

/**
 * Reads a message from whatever channel it came by (de Jong 2024, sec. 4.1): an artcash: link or
 * QR text given on the command line, a file holding one (or the binary message), the image of a
 * QR code (several images for a message split over several codes), or {@code -} for standard
 * input. An http:// address is not read here: the caller fetches from it.
 */
public final class Inbox {
  private static final long MAX_FILE = 4L << 20;

  private Inbox() {}

  public static Messages.Message read(List<String> inputs) throws ArtcashException {
    if (inputs == null || inputs.isEmpty()) {
      throw new ArtcashException(Reason.MALFORMED, "give the message to read: an artcash: link,"
          + " a file, or the image of its QR code");
    }
    List<String> texts = new ArrayList<>();
    for (String input : inputs) {
      String t = input.strip();
      if (t.regionMatches(true, 0, "artcash:", 0, "artcash:".length())) {
        texts.add(t);
        continue;
      }
      if (WebClient.isAddress(t)) {
        throw new ArtcashException(Reason.MALFORMED, "an http:// address cannot be read here; use"
            + " it where a payee's address is asked for (pay --to, pay ADDRESS)");
      }
      byte[] content = t.equals("-") ? stdin() : file(t);
      String name = t.equals("-") ? "standard input" : t;
      if (isImage(content)) {
        texts.add(QrCodes.readImage(Path.of(t)));
      } else if (inputs.size() == 1) {
        return Messages.readFile(content, name);
      } else {
        texts.add(new String(content, StandardCharsets.UTF_8));
      }
    }
    return Messages.read(texts);
  }

  private static byte[] file(String name) throws ArtcashException {
    Path path;
    try {
      path = Path.of(name);
    } catch (InvalidPathException e) {
      throw notFound(name);
    }
    if (!Files.isRegularFile(path)) {
      throw notFound(name);
    }
    try {
      if (Files.size(path) > MAX_FILE) {
        throw new ArtcashException(Reason.TOO_LARGE, name + " is larger than any artcash message");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot read " + name + ": "
          + e.getMessage(), e);
    }
  }

  private static ArtcashException notFound(String name) {
    String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
    return new ArtcashException(Reason.MALFORMED, "'" + shown + "' is neither an artcash: link"
        + " nor a file that exists");
  }

  private static byte[] stdin() throws ArtcashException {
    try {
      InputStream in = System.in;
      byte[] b = in.readNBytes((int) MAX_FILE + 1);
      if (b.length > MAX_FILE) {
        throw new ArtcashException(Reason.TOO_LARGE, "standard input holds more than any artcash"
            + " message");
      }
      return b;
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot read standard input: "
          + e.getMessage(), e);
    }
  }

  /** PNG, JPEG or GIF, by their first bytes. */
  private static boolean isImage(byte[] b) {
    return (b.length > 4 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G')
        || (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8)
        || (b.length > 3 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F');
  }
}
