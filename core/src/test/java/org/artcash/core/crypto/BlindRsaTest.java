package org.artcash.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Encoder;
import org.bouncycastle.crypto.params.RSABlindSignatureParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.RSABlindSignatureClient;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlindRsaTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] MESSAGE =
      "serial 42 of denomination 5 EUR".getBytes(StandardCharsets.UTF_8);

  private static Map<String, String> vector;
  private static RSAPublicKey vectorPublic;
  private static RSAPrivateCrtKey vectorPrivate;
  private static KeyPair issuer;
  private static KeyPair otherIssuer;

  @BeforeAll
  static void setUp() throws Exception {
    vector = readVector("/rfc9474/rsabssa-sha384-pss-randomized.txt");
    BigInteger p = num("p");
    BigInteger q = num("q");
    BigInteger e = num("e");
    BigInteger d = num("d");
    BigInteger n = num("n");
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    vectorPublic = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(n, e));
    vectorPrivate = (RSAPrivateCrtKey) rsa.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q,
        d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p)));
    issuer = BlindRsa.generateKeyPair(2048, RANDOM);
    otherIssuer = BlindRsa.generateKeyPair(2048, RANDOM);
  }

  // --- RFC 9474 Appendix A, RSABSSA-SHA384-PSS-Randomized

  @Test
  void rfc9474Vector_isInternallyConsistent() {
    assertEquals(num("n"), num("p").multiply(num("q")));
    assertArrayEquals(bytes("prepared_msg"), concat(bytes("msg_prefix"), bytes("msg")));
    // sig^e mod n is the EMSA-PSS encoded message the vector lists.
    assertEquals(num("encoded_msg"), num("sig").modPow(num("e"), num("n")));
  }

  @Test
  void rfc9474Vector_blind_reproducesBlindedMessageAndInverse() throws ArtcashException {
    BigInteger r = num("inv").modInverse(num("n")); // the vector gives inv = r^-1, not r
    BlindRsa.Blinding b = BlindRsa.blind(vectorPublic, bytes("msg"), bytes("msg_prefix"),
        bytes("salt"), r);
    assertArrayEquals(bytes("msg_prefix"), b.prefix());
    assertArrayEquals(bytes("blinded_msg"), b.blindedMessage());
    assertArrayEquals(bytes("inv"), b.inverse());
  }

  @Test
  void rfc9474Vector_blindSign_reproducesBlindSignature() throws ArtcashException {
    assertArrayEquals(bytes("blind_sig"), BlindRsa.blindSign(vectorPrivate, bytes("blinded_msg")));
  }

  @Test
  void rfc9474Vector_finalize_reproducesSignature_whichVerifies() throws ArtcashException {
    BlindRsa.Blinding b =
        new BlindRsa.Blinding(bytes("msg_prefix"), bytes("blinded_msg"), bytes("inv"));
    byte[] sig = BlindRsa.finalizeSignature(vectorPublic, bytes("msg"), b, bytes("blind_sig"));
    assertArrayEquals(bytes("sig"), sig);
    assertTrue(BlindRsa.verify(vectorPublic, bytes("msg_prefix"), bytes("msg"), bytes("sig")));
  }

  // --- round trip with a fresh key, and what verification refuses

  @Test
  void blindSign_thenFinalize_verifies() throws ArtcashException {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    BlindRsa.Blinding b = BlindRsa.blind(pub, MESSAGE, RANDOM);
    assertEquals(BlindRsa.PREFIX_LENGTH, b.prefix().length);
    assertEquals(256, b.blindedMessage().length);
    assertEquals(256, b.inverse().length);

    byte[] blindSig =
        BlindRsa.blindSign((RSAPrivateCrtKey) issuer.getPrivate(), b.blindedMessage());
    byte[] sig = BlindRsa.finalizeSignature(pub, MESSAGE, b, blindSig);

    assertEquals(256, sig.length);
    assertTrue(BlindRsa.verify(pub, b.prefix(), MESSAGE, sig));
  }

  @Test
  void blind_twice_givesUnlinkableBlindings() throws ArtcashException {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    BlindRsa.Blinding a = BlindRsa.blind(pub, MESSAGE, RANDOM);
    BlindRsa.Blinding b = BlindRsa.blind(pub, MESSAGE, RANDOM);
    assertFalse(Arrays.equals(a.prefix(), b.prefix()));
    assertFalse(Arrays.equals(a.blindedMessage(), b.blindedMessage()));
  }

  @Test
  void verify_fails_forDifferentMessage_prefix_flippedBit_wrongLength_orKey() throws Exception {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    BlindRsa.Blinding b = BlindRsa.blind(pub, MESSAGE, RANDOM);
    byte[] sig = BlindRsa.finalizeSignature(pub, MESSAGE, b,
        BlindRsa.blindSign((RSAPrivateCrtKey) issuer.getPrivate(), b.blindedMessage()));

    byte[] otherMessage = Arrays.copyOf(MESSAGE, MESSAGE.length);
    otherMessage[0] ^= 1;
    assertFalse(BlindRsa.verify(pub, b.prefix(), otherMessage, sig), "different message");

    byte[] otherPrefix = b.prefix().clone();
    otherPrefix[0] ^= 1;
    assertFalse(BlindRsa.verify(pub, otherPrefix, MESSAGE, sig), "different prefix");

    for (int bit : new int[] {0, 7, 1000, sig.length * 8 - 1}) {
      byte[] flipped = sig.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(BlindRsa.verify(pub, b.prefix(), MESSAGE, flipped), "flipped bit " + bit);
    }

    // A leading zero byte keeps the number but not the length: RSASSA-PSS requires exactly k bytes.
    assertFalse(BlindRsa.verify(pub, b.prefix(), MESSAGE, concat(new byte[1], sig)), "too long");
    assertFalse(BlindRsa.verify(pub, b.prefix(), MESSAGE, Arrays.copyOf(sig, sig.length - 1)),
        "too short");
    assertFalse(BlindRsa.verify(pub, b.prefix(), MESSAGE, new byte[0]), "empty");

    assertFalse(BlindRsa.verify((RSAPublicKey) otherIssuer.getPublic(), b.prefix(), MESSAGE, sig),
        "different key");
  }

  @Test
  void finalize_rejectsBlindSignatureFromAnotherKey_asBadSignature() throws ArtcashException {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    BlindRsa.Blinding b = BlindRsa.blind(pub, MESSAGE, RANDOM);
    byte[] wrong = BlindRsa.blindSign((RSAPrivateCrtKey) otherIssuer.getPrivate(),
        reduce(b.blindedMessage(), (RSAPublicKey) otherIssuer.getPublic()));
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> BlindRsa.finalizeSignature(pub, MESSAGE, b, wrong));
    assertEquals(Reason.BAD_SIGNATURE, e.reason());
  }

  @Test
  void finalize_rejectsBlindSignatureOfWrongLength_asMalformed() throws ArtcashException {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    BlindRsa.Blinding b = BlindRsa.blind(pub, MESSAGE, RANDOM);
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> BlindRsa.finalizeSignature(pub, MESSAGE, b, new byte[255]));
    assertEquals(Reason.MALFORMED, e.reason());
  }

  @Test
  void bouncyCastleClient_andOurBlindSign_interoperate() throws Exception {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    RSABlindSignatureClient client = new RSABlindSignatureClient(
        RSABlindSignatureParameters.RSABSSA_SHA384_PSS_RANDOMIZED,
        new RSAKeyParameters(false, pub.getModulus(), pub.getPublicExponent()), RANDOM);
    RSABlindSignatureClient.Blinded blinded = client.blind(MESSAGE);
    byte[] sig = client.finalize(blinded,
        BlindRsa.blindSign((RSAPrivateCrtKey) issuer.getPrivate(), blinded.getBlindedMessage()));
    byte[] prefix = Arrays.copyOf(blinded.getPreparedMessage(), BlindRsa.PREFIX_LENGTH);
    assertTrue(BlindRsa.verify(pub, prefix, MESSAGE, sig));
  }

  // --- BlindSign input checks

  @Test
  void blindSign_rejectsBlindedMessageOfWrongLength_asMalformed() {
    RSAPrivateCrtKey sk = (RSAPrivateCrtKey) issuer.getPrivate();
    for (int length : new int[] {0, 255, 257}) {
      ArtcashException e = assertThrows(ArtcashException.class,
          () -> BlindRsa.blindSign(sk, new byte[length]));
      assertEquals(Reason.MALFORMED, e.reason());
      assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
    }
  }

  @Test
  void blindSign_rejectsBlindedMessageNotBelowModulus_asMalformed() {
    RSAPrivateCrtKey sk = (RSAPrivateCrtKey) issuer.getPrivate();
    byte[] n = BigIntegers.asUnsignedByteArray(256, sk.getModulus());
    byte[] allOnes = new byte[256];
    Arrays.fill(allOnes, (byte) 0xFF);
    for (byte[] tooLarge : new byte[][] {n, allOnes}) {
      ArtcashException e = assertThrows(ArtcashException.class,
          () -> BlindRsa.blindSign(sk, tooLarge));
      assertEquals(Reason.MALFORMED, e.reason());
      assertTrue(e.getMessage().contains("modulus"), e.getMessage());
    }
  }

  @Test
  void generateKeyPair_refusesModulusBelow2048Bits() {
    assertThrows(IllegalArgumentException.class, () -> BlindRsa.generateKeyPair(1024, RANDOM));
  }

  // --- public key encoding

  @Test
  void decodePublicKey_ofEncoding_givesSameKey() throws ArtcashException {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    byte[] encoded = BlindRsa.encodePublicKey(pub);
    assertEquals(2 + 256 + 2 + 3, encoded.length); // e = 65537 is 3 bytes
    RSAPublicKey decoded = BlindRsa.decodePublicKey(encoded);
    assertEquals(pub.getModulus(), decoded.getModulus());
    assertEquals(pub.getPublicExponent(), decoded.getPublicExponent());
    assertArrayEquals(encoded, BlindRsa.encodePublicKey(decoded));
    // The RFC vector's 4096-bit key round-trips too.
    assertEquals(vectorPublic.getModulus(),
        BlindRsa.decodePublicKey(BlindRsa.encodePublicKey(vectorPublic)).getModulus());
  }

  @Test
  void decodePublicKey_rejectsTruncatedEncoding() {
    byte[] encoded = BlindRsa.encodePublicKey((RSAPublicKey) issuer.getPublic());
    for (int length : new int[] {0, 1, 2, 100, encoded.length - 1}) {
      assertRejected(Arrays.copyOf(encoded, length), Reason.TRUNCATED);
    }
  }

  @Test
  void decodePublicKey_rejectsTrailingBytes() {
    byte[] encoded = BlindRsa.encodePublicKey((RSAPublicKey) issuer.getPublic());
    assertRejected(concat(encoded, new byte[1]), Reason.TRAILING_BYTES);
  }

  @Test
  void decodePublicKey_rejectsLeadingZeroInModulus() {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    byte[] padded = concat(new byte[1], BigIntegers.asUnsignedByteArray(pub.getModulus()));
    assertRejected(encode(padded, pub.getPublicExponent().toByteArray()), Reason.NON_CANONICAL);
  }

  @Test
  void decodePublicKey_rejects1024BitModulus() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024, RANDOM);
    byte[] weak = BlindRsa.encodePublicKey((RSAPublicKey) g.generateKeyPair().getPublic());
    ArtcashException e = assertRejected(weak, Reason.MALFORMED);
    assertTrue(e.getMessage().contains("1024 bits"), e.getMessage());
  }

  @Test
  void decodePublicKey_rejectsEvenExponent() {
    RSAPublicKey pub = (RSAPublicKey) issuer.getPublic();
    byte[] modulus = BigIntegers.asUnsignedByteArray(pub.getModulus());
    assertRejected(encode(modulus, new byte[] {0x01, 0x00, 0x00}), Reason.MALFORMED);
    assertRejected(encode(modulus, new byte[] {0x01}), Reason.MALFORMED); // e = 1: odd but useless
  }

  // --- helpers

  private static ArtcashException assertRejected(byte[] encoded, Reason reason) {
    ArtcashException e =
        assertThrows(ArtcashException.class, () -> BlindRsa.decodePublicKey(encoded));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  private static byte[] encode(byte[] modulus, byte[] exponent) {
    return new Encoder().var(modulus, 4096).var(exponent, 4096).toByteArray();
  }

  /** A blinded message for one key taken mod another, so the other issuer will sign it. */
  private static byte[] reduce(byte[] blinded, RSAPublicKey key) {
    BigInteger m = new BigInteger(1, blinded).mod(key.getModulus());
    return BigIntegers.asUnsignedByteArray(
        BigIntegers.getUnsignedByteLength(key.getModulus()), m);
  }

  private static Map<String, String> readVector(String resource) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    String current = null;
    try (InputStream in = BlindRsaTest.class.getResourceAsStream(resource)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf(" = ");
        if (eq >= 0) { // "name = hex"; the RFC wraps long values onto following lines
          current = line.substring(0, eq);
          values.put(current, line.substring(eq + 3));
        } else {
          values.merge(current, line, String::concat);
        }
      }
    }
    return values;
  }

  private static BigInteger num(String name) {
    return new BigInteger(vector.get(name), 16);
  }

  private static byte[] bytes(String name) {
    return HexFormat.of().parseHex(vector.get(name));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
