package org.artcash.bench;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.TimeUnit;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw cost of the cryptography underneath a payment, measured in the same run as the protocol
 * benchmarks: JCA ECDSA P-256 sign and verify (SunEC), and RFC 9474 blind-RSA verification, which
 * every acceptance performs once for the payment-key certificate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawCryptoBenchmark {
  private final SecureRandom random = new SecureRandom();
  private KeyPair ec;
  private byte[] message;
  private byte[] signature;
  private RSAPublicKey rsa;
  private byte[] prefix;
  private byte[] rsaSignature;

  @Setup
  public void setup() throws Exception {
    ec = P256.generate(random);
    message = new byte[400];
    random.nextBytes(message);
    signature = Ecdsa.sign(ec.getPrivate(), message, random);
    KeyPair r = BlindRsa.generateKeyPair(2048, random);
    rsa = (RSAPublicKey) r.getPublic();
    BlindRsa.Blinding b = BlindRsa.blind(rsa, message, random);
    byte[] blindSig = BlindRsa.blindSign((RSAPrivateCrtKey) r.getPrivate(), b.blindedMessage());
    rsaSignature = BlindRsa.finalizeSignature(rsa, message, b, blindSig);
    prefix = b.prefix();
  }

  @Benchmark
  public byte[] ecdsaP256Sign() {
    return Ecdsa.sign(ec.getPrivate(), message, random);
  }

  @Benchmark
  public boolean ecdsaP256Verify() {
    return Ecdsa.verify((ECPublicKey) ec.getPublic(), message, signature);
  }

  @Benchmark
  public boolean blindRsa2048Verify() {
    return BlindRsa.verify(rsa, prefix, message, rsaSignature);
  }
}
