package org.artcash.cli.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * QR codes for payment requests and tokens (de Jong 2024, sec. 4.1: "as QR codes, using a camera
 * and screen"), with ZXing: PNG files, and block characters for a terminal. The texts are the
 * upper-case ARTCASH: form, so each code is in the QR alphanumeric mode; error correction M.
 */
public final class QrCodes {
  /** Pixels per module in a PNG: large enough for a phone camera at arm's length. */
  private static final int PIXELS_PER_MODULE = 6;
  private static final int QUIET_ZONE = 4;

  private QrCodes() {}

  /**
   * Writes one PNG per text: {@code file} itself for a single text, else {@code name-1.png},
   * {@code name-2.png}, ... beside it. Returns the files written.
   */
  public static List<Path> writePng(List<String> texts, Path file) throws ArtcashException {
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      Path target = texts.size() == 1 ? file : numbered(file, i + 1);
      BitMatrix m = matrix(texts.get(i), QUIET_ZONE);
      BitMatrix scaled = scale(m, PIXELS_PER_MODULE);
      try {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        MatrixToImageWriter.writeToPath(scaled, "PNG", target);
      } catch (IOException e) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot write the QR code to " + target
            + ": " + e.getMessage(), e);
      }
      written.add(target);
    }
    return written;
  }

  /** Reads the QR code in a PNG (or other image) file. */
  public static String readImage(Path file) throws ArtcashException {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new ArtcashException(Reason.MALFORMED, file + " cannot be read as an image: "
          + e.getMessage(), e);
    }
    if (image == null) {
      throw new ArtcashException(Reason.MALFORMED, file + " is not an image that can be read");
    }
    return decode(image).orElseThrow(() -> new ArtcashException(Reason.MALFORMED,
        "no QR code was found in " + file + " that can be read; take a sharper picture"));
  }

  /**
   * ZXing's decoder, tried three ways: its hybrid binarizer (photographs), its global histogram
   * binarizer, and as a pure barcode (a clean image such as a saved PNG). Measured here: the first
   * alone misses about one dense code in twenty even in a clean PNG; the three together none.
   */
  public static java.util.Optional<String> decode(BufferedImage image) {
    LuminanceSource source = new BufferedImageLuminanceSource(image);
    List<BinaryBitmap> attempts = List.of(new BinaryBitmap(new HybridBinarizer(source)),
        new BinaryBitmap(new GlobalHistogramBinarizer(source)));
    for (BinaryBitmap bitmap : attempts) {
      try {
        Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER,
            Boolean.TRUE));
        return java.util.Optional.of(result.getText());
      } catch (ReaderException e) {
        // try the next way
      }
    }
    try {
      return java.util.Optional.of(new QRCodeReader().decode(attempts.get(0),
          Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
    } catch (ReaderException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The QR code as text for a terminal, two modules per character cell (Unicode half blocks).
   * Light modules are drawn, so it scans from a terminal with light text on a dark background;
   * with {@code darkOnLight} the dark modules are drawn instead.
   */
  public static String terminal(String text, boolean darkOnLight) throws ArtcashException {
    BitMatrix m = matrix(text, 2);
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y += 2) {
      for (int x = 0; x < m.getWidth(); x++) {
        boolean top = drawn(m, x, y, darkOnLight);
        boolean bottom = y + 1 < m.getHeight() ? drawn(m, x, y + 1, darkOnLight) : !darkOnLight;
        out.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean drawn(BitMatrix m, int x, int y, boolean darkOnLight) {
    return m.get(x, y) == darkOnLight;
  }

  private static BitMatrix matrix(String text, int quietZone) throws ArtcashException {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
          EncodeHintType.MARGIN, quietZone));
    } catch (WriterException | IllegalArgumentException e) {
      throw new ArtcashException(Reason.TOO_LARGE, "this text of " + text.length()
          + " characters does not fit in one QR code; split it over more codes");
    }
  }

  private static BitMatrix scale(BitMatrix m, int factor) {
    BitMatrix out = new BitMatrix(m.getWidth() * factor, m.getHeight() * factor);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          out.setRegion(x * factor, y * factor, factor, factor);
        }
      }
    }
    return out;
  }

  private static Path numbered(Path file, int n) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : ".png";
    return file.resolveSibling(stem + "-" + n + ext);
  }
}
