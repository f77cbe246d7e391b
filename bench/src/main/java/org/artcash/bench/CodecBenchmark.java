package org.artcash.bench;

import java.util.concurrent.TimeUnit;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.TransferToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The binary form of the token a payer sends (docs/PROTOCOL.md, type 0x11): ART, payment record
 * and certifier chain. Decoding parses and range-checks every field; it verifies no signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  private TransferToken token;
  private byte[] encoded;

  @Setup
  public void setup() throws ArtcashException {
    token = Fixtures.scene().token();
    encoded = token.encode();
  }

  @Benchmark
  public byte[] transferTokenEncode() {
    return token.encode();
  }

  @Benchmark
  public TransferToken transferTokenDecode() throws ArtcashException {
    return TransferToken.decode(encoded);
  }

  @Benchmark
  public TransferToken transferTokenEncodeDecode() throws ArtcashException {
    return TransferToken.decode(token.encode());
  }
}
