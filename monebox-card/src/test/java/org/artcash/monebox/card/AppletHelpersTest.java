package org.artcash.monebox.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.monebox.applet.Codec;
import org.artcash.monebox.applet.Crypto;
import org.artcash.monebox.applet.Der;
import org.artcash.monebox.applet.Fp;
import org.artcash.monebox.applet.Num;
import org.artcash.monebox.applet.P256;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The applet's helpers on the plain JVM (jCardSim supplies the javacard.* classes), each checked
 * against a reference computed with BigInteger, the JDK or BouncyCastle, or core's BlindRsa.
 * Every loop collects the failing cases and asserts the list is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppletHelpersTest {
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
  private final Random random = new Random(20240501);
  private KeyPair certifier;

  @BeforeAll
  void keys() {
    certifier = BlindRsa.generateKeyPair(2048, new java.security.SecureRandom());
  }

  private static byte[] fixed(BigInteger v, int len) {
    return CardMonEbox.toFixed(v, len);
  }

  private static BigInteger big(byte[] b, int off, int len) {
    return new BigInteger(1, Arrays.copyOfRange(b, off, off + len));
  }

  private BigInteger random64() {
    int kind = random.nextInt(4);
    BigInteger v = new BigInteger(kind == 0 ? 63 : 64, random);
    return kind == 1 ? TWO_63.subtract(BigInteger.valueOf(random.nextInt(3) + 1)) : v;
  }

  // --- 64-bit arithmetic

  @Test
  void add64_matchesBigIntegerAndRefusesOverflow() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      BigInteger a = random64().mod(TWO_63);
      BigInteger b = random64().mod(TWO_63);
      byte[] s = new byte[24];
      System.arraycopy(fixed(a, 8), 0, s, 0, 8);
      System.arraycopy(fixed(b, 8), 0, s, 8, 8);
      boolean ok = Num.add64(s, (short) 0, s, (short) 8, s, (short) 16);
      BigInteger sum = a.add(b);
      boolean fits = sum.compareTo(TWO_63) < 0;
      if (ok != fits || (fits && !big(s, 16, 8).equals(sum))) {
        failures.add(a + " + " + b);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void sub64AndCompare_matchBigInteger() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      BigInteger a = random64();
      BigInteger b = random.nextInt(5) == 0 ? a : random64();
      byte[] s = new byte[24];
      System.arraycopy(fixed(a, 8), 0, s, 0, 8);
      System.arraycopy(fixed(b, 8), 0, s, 8, 8);
      int cmp = Num.cmp(s, (short) 0, s, (short) 8, (short) 8);
      boolean ok = Num.sub64(s, (short) 0, s, (short) 8, s, (short) 16);
      if (cmp != a.compareTo(b) || ok != (a.compareTo(b) >= 0)
          || (ok && !big(s, 16, 8).equals(a.subtract(b)))) {
        failures.add(a + " - " + b);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void increment_carriesAndReportsWrap() {
    byte[] c = {0, 0, (byte) 0xFF, (byte) 0xFF};
    assertTrue(Num.increment(c, (short) 0, (short) 4));
    assertArrayEquals(new byte[] {0, 1, 0, 0}, c);
    byte[] full = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertFalse(Num.increment(full, (short) 0, (short) 4));
  }

  @Test
  void cmpU16_ordersAsUnsigned() {
    assertEquals(1, Num.cmpU16((short) 0xFFFF, (short) 1));
    assertEquals(-1, Num.cmpU16((short) 0x7FFF, (short) 0x8000));
    assertEquals(0, Num.cmpU16((short) 0x8001, (short) 0x8001));
  }

  // --- DER and P1363

  @Test
  void der_matchesBouncyCastleAndRoundTrips() throws Exception {
    List<String> failures = new ArrayList<>();
    BigInteger n = new BigInteger(1, P256.N);
    for (int i = 0; i < 1000; i++) {
      BigInteger r = new BigInteger(random.nextInt(4) == 0 ? 200 : 256, random).mod(n);
      BigInteger s = new BigInteger(random.nextInt(4) == 0 ? 8 : 255, random).mod(n);
      if (r.signum() == 0 || s.signum() == 0) {
        continue;
      }
      byte[] rs = new byte[64];
      System.arraycopy(fixed(r, 32), 0, rs, 0, 32);
      System.arraycopy(fixed(s, 32), 0, rs, 32, 32);
      byte[] der = new byte[Der.MAX_LENGTH];
      short len = Der.fromP1363(rs, (short) 0, der, (short) 0);
      byte[] expected = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
          new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
      byte[] back = new byte[64];
      if (!Arrays.equals(expected, Arrays.copyOf(der, len))
          || !Der.toP1363(expected, (short) 0, (short) expected.length, back, (short) 0)
          || !Arrays.equals(rs, back)) {
        failures.add(r.toString(16) + "/" + s.toString(16));
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void der_malformedInputsRefused() {
    byte[] out = new byte[64];
    byte[][] bad = {
        {0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},
        {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},
        {0x30, 0x06, 0x03, 0x01, 0x01, 0x02, 0x01, 0x01},
        {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x02, 0x01},
        {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00}};
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < bad.length; i++) {
      if (Der.toP1363(bad[i], (short) 0, (short) bad[i].length, out, (short) 0)) {
        accepted.add(i);
      }
    }
    byte[] long34 = new byte[2 + 2 + 34 + 3];
    long34[0] = 0x30;
    long34[1] = (byte) (long34.length - 2);
    long34[2] = 0x02;
    long34[3] = 34;
    long34[4] = 1;
    long34[38] = 0x02;
    long34[39] = 1;
    long34[40] = 1;
    assertFalse(Der.toP1363(long34, (short) 0, (short) long34.length, out, (short) 0));
    assertEquals(List.of(), accepted);
  }

  // --- blind RSA: mod-mult via squares, PSS against core

  private org.artcash.monebox.applet.BlindRsa cardRsa(byte[] scratch) {
    RSAPublicKey pub = (RSAPublicKey) certifier.getPublic();
    org.artcash.monebox.applet.BlindRsa rsa = new org.artcash.monebox.applet.BlindRsa(scratch,
        (short) 0);
    byte[] mod = fixed(pub.getModulus(), 256);
    byte[] exp = pub.getPublicExponent().toByteArray();
    assertTrue(rsa.load(mod, (short) 0, (short) 256, exp, (short) 0, (short) exp.length));
    return rsa;
  }

  @Test
  void modMult_bySquares_matchesBigInteger() {
    byte[] s = new byte[org.artcash.monebox.applet.BlindRsa.WINDOW];
    org.artcash.monebox.applet.BlindRsa rsa = cardRsa(s);
    BigInteger n = ((RSAPublicKey) certifier.getPublic()).getModulus();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      BigInteger x = edge(i, n);
      BigInteger y = edge(i + 7, n);
      System.arraycopy(fixed(x, 256), 0, s, rsa.t1, 256);
      System.arraycopy(fixed(y, 256), 0, s, rsa.t3, 256);
      rsa.modMult(rsa.t1, rsa.t3, rsa.t2);
      if (!big(s, rsa.t2, 256).equals(x.multiply(y).mod(n))) {
        failures.add(x.toString(16) + " * " + y.toString(16));
      }
    }
    assertEquals(List.of(), failures);
  }

  /** 0, 1, n-1, n-2 and random values below n. */
  private BigInteger edge(int i, BigInteger n) {
    return switch (i % 9) {
      case 0 -> BigInteger.ZERO;
      case 1 -> BigInteger.ONE;
      case 2 -> n.subtract(BigInteger.ONE);
      case 3 -> n.subtract(BigInteger.TWO);
      default -> new BigInteger(2048, random).mod(n);
    };
  }

  @Test
  void blind_onCard_signedByCore_unblindsToACertificateCoreAccepts() throws Exception {
    byte[] s = new byte[org.artcash.monebox.applet.BlindRsa.WINDOW];
    org.artcash.monebox.applet.BlindRsa rsa = cardRsa(s);
    RSAPublicKey pub = (RSAPublicKey) certifier.getPublic();
    BigInteger n = pub.getModulus();
    javacard.security.RandomData rnd =
        javacard.security.RandomData.getInstance(javacard.security.RandomData.ALG_TRNG);
    List<Integer> failures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] prefix = new byte[32];
      byte[] msg = new byte[83];
      random.nextBytes(prefix);
      random.nextBytes(msg);
      rsa.blind(prefix, (short) 0, msg, (short) 0, (short) 83, rnd);
      byte[] z = Arrays.copyOfRange(s, rsa.t1, rsa.t1 + 256);
      BigInteger r = big(s, rsa.t2, 256);
      byte[] blindSig = BlindRsa.blindSign((RSAPrivateCrtKey) certifier.getPrivate(), z);
      byte[] sig = fixed(new BigInteger(1, blindSig).multiply(r.modInverse(n)).mod(n), 256);
      boolean core = BlindRsa.verify(pub, prefix, msg, sig);
      boolean card = rsa.verify(sig, (short) 0, (short) 256, prefix, (short) 0, msg, (short) 0,
          (short) 83);
      sig[100] ^= 1;
      boolean altered = rsa.verify(sig, (short) 0, (short) 256, prefix, (short) 0, msg, (short) 0,
          (short) 83);
      if (!core || !card || altered) {
        failures.add(i);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void pssVerify_onCard_acceptsCoreSignaturesOnly() throws Exception {
    byte[] s = new byte[org.artcash.monebox.applet.BlindRsa.WINDOW];
    org.artcash.monebox.applet.BlindRsa rsa = cardRsa(s);
    RSAPublicKey pub = (RSAPublicKey) certifier.getPublic();
    java.security.SecureRandom sr = new java.security.SecureRandom();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] msg = new byte[83];
      random.nextBytes(msg);
      BlindRsa.Blinding b = BlindRsa.blind(pub, msg, sr);
      byte[] sig = BlindRsa.finalizeSignature(pub, msg, b,
          BlindRsa.blindSign((RSAPrivateCrtKey) certifier.getPrivate(), b.blindedMessage()));
      byte[] prefix = b.prefix();
      if (!rsa.verify(sig, (short) 0, (short) 256, prefix, (short) 0, msg, (short) 0, (short) 83)) {
        failures.add("genuine " + i);
      }
      msg[0] ^= 1;
      if (rsa.verify(sig, (short) 0, (short) 256, prefix, (short) 0, msg, (short) 0, (short) 83)) {
        failures.add("other message " + i);
      }
      byte[] n = fixed(pub.getModulus(), 256);
      if (rsa.verify(n, (short) 0, (short) 256, prefix, (short) 0, msg, (short) 0, (short) 83)) {
        failures.add("signature = n " + i);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void load_refusesKeysTheCardCannotUse() {
    org.artcash.monebox.applet.BlindRsa rsa =
        new org.artcash.monebox.applet.BlindRsa(new byte[org.artcash.monebox.applet.BlindRsa.WINDOW],
            (short) 0);
    byte[] mod = new byte[256];
    mod[0] = (byte) 0x80;
    byte[] e = {1, 0, 1};
    assertFalse(rsa.load(mod, (short) 0, (short) 255, e, (short) 0, (short) 3));
    assertFalse(rsa.load(new byte[256], (short) 0, (short) 256, e, (short) 0, (short) 3));
    assertFalse(rsa.load(mod, (short) 0, (short) 256, new byte[5], (short) 0, (short) 5));
  }

  // --- P-256 point check, HMAC, UTF-8

  @Test
  void onCurve_acceptsPointsAndRefusesOthers() {
    List<String> failures = new ArrayList<>();
    byte[] s = new byte[Fp.WINDOW];
    for (int i = 0; i < 20; i++) {
      byte[] pt = org.artcash.core.crypto.P256.encode((ECPublicKey) org.artcash.core.crypto.P256
          .generate(new java.security.SecureRandom()).getPublic());
      if (!Fp.onCurve(pt, (short) 0, s, (short) 0)) {
        failures.add("point " + i);
      }
      pt[64] ^= 1;
      if (Fp.onCurve(pt, (short) 0, s, (short) 0)) {
        failures.add("moved point " + i);
      }
    }
    byte[] big = new byte[65];
    big[0] = 4;
    Arrays.fill(big, 1, 33, (byte) 0xFF);
    if (Fp.onCurve(big, (short) 0, s, (short) 0)) {
      failures.add("x >= p");
    }
    byte[] compressed = new byte[65];
    compressed[0] = 2;
    if (Fp.onCurve(compressed, (short) 0, s, (short) 0)) {
      failures.add("not 0x04");
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void hmac_matchesTheJdk() throws Exception {
    Crypto crypto = new Crypto(new byte[Crypto.WINDOW], (short) 0);
    List<Integer> failures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] key = new byte[32];
      byte[] msg = new byte[random.nextInt(200)];
      random.nextBytes(key);
      random.nextBytes(msg);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = new byte[32];
      crypto.hmac(key, (short) 0, msg, (short) 0, (short) msg.length, out, (short) 0);
      if (!Arrays.equals(mac.doFinal(msg), out)) {
        failures.add(i);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void validUtf8_agreesWithTheJdksStrictDecoder() {
    List<String> failures = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>(List.of("payee €".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98,
            (byte) 0x80}));
    for (int i = 0; i < 3000; i++) {
      byte[] b = new byte[random.nextInt(6)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
      }
      inputs.add(b);
    }
    for (byte[] b : inputs) {
      boolean jdk;
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
        jdk = true;
      } catch (CharacterCodingException e) {
        jdk = false;
      }
      if (jdk != Codec.validUtf8(b, (short) 0, (short) b.length)) {
        failures.add(Arrays.toString(b));
      }
    }
    assertEquals(List.of(), failures);
  }
}
