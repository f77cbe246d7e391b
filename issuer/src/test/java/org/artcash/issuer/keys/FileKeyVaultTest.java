package org.artcash.issuer.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyVaultTest {
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  private static final byte[] MESSAGE = "certificate body".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random = new SecureRandom();

  @TempDir
  Path home;

  private Path keys() {
    return home.resolve("keys");
  }

  private FileKeyVault open() throws ArtcashException {
    return FileKeyVault.open(keys(), PASSPHRASE, random);
  }

  @Test
  void keysOfEveryKind_areFoundAgainByANewInstance() throws Exception {
    byte[] ecPublic;
    BlindSigner rsaBefore;
    byte[] secret;
    try (FileKeyVault vault = open()) {
      ecPublic = vault.createSigningKey("ca").publicKey();
      rsaBefore = vault.createBlindSigningKey("certifier/everyday", 2048);
      secret = vault.createSecretKey("identity-register", 32);
    }

    try (FileKeyVault vault = open()) {
      EcSigner ec = vault.signingKey("ca").orElseThrow();
      assertArrayEquals(ecPublic, ec.publicKey());
      assertTrue(Ecdsa.verify(ecPublic, MESSAGE, ec.sign(MESSAGE)));

      BlindSigner rsa = vault.blindSigningKey("certifier/everyday").orElseThrow();
      assertEquals(rsaBefore.publicKey(), rsa.publicKey());
      BlindRsa.Blinding blinding = BlindRsa.blind(rsa.publicKey(), MESSAGE, random);
      byte[] signature = BlindRsa.finalizeSignature(rsaBefore.publicKey(), MESSAGE, blinding,
          rsa.blindSign(blinding.blindedMessage()));
      assertTrue(BlindRsa.verify(rsaBefore.publicKey(), blinding.prefix(), MESSAGE, signature));

      assertArrayEquals(secret, vault.secretKey("identity-register").orElseThrow());
      assertEquals(List.of("ca", "certifier/everyday", "identity-register"),
          List.copyOf(vault.labels()));
      assertTrue(vault.signingKey("certifier/everyday").isEmpty());
      assertTrue(vault.secretKey("ca").isEmpty());
    }
  }

  @Test
  void keyFiles_holdNoKeyInTheClear() throws Exception {
    byte[] secret;
    try (FileKeyVault vault = open()) {
      secret = vault.createSecretKey("identity-register", 32);
    }

    String file = HexFormat.of().formatHex(Files.readAllBytes(keyFile("identity-register")));
    assertFalse(file.contains(HexFormat.of().formatHex(secret)));
  }

  @Test
  void open_wrongPassphrase_isRefusedWithOneSentence_andChangesNothing() throws Exception {
    try (FileKeyVault vault = open()) {
      vault.createSigningKey("root");
    }
    Map<Path, byte[]> before = contents();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> FileKeyVault.open(keys(), "correct horse battery stable".toCharArray(), random));

    assertEquals(Reason.BAD_SIGNATURE, e.reason());
    assertEquals("the issuer key store at " + keys().toAbsolutePath().normalize()
        + " cannot be opened with this passphrase", e.getMessage());
    assertSameContents(before, contents());
    try (FileKeyVault vault = open()) {
      assertTrue(vault.signingKey("root").isPresent());
    }
  }

  @Test
  void open_tamperedKeyFile_isRefusedNamingTheFile() throws Exception {
    try (FileKeyVault vault = open()) {
      vault.createSigningKey("art-factory");
    }
    Path file = keyFile("art-factory");
    byte[] content = Files.readAllBytes(file);
    content[content.length - 20] ^= 0x01;
    Files.write(file, content);

    ArtcashException e = assertThrows(ArtcashException.class, this::open);

    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().startsWith("the key file " + file.toAbsolutePath().normalize()
        + " has been altered or damaged"), e.getMessage());
    assertTrue(e.getMessage().endsWith("restore it from a backup of "
        + keys().toAbsolutePath().normalize()), e.getMessage());
  }

  @Test
  void open_keyFileRenamedToAnotherLabel_isRefused() throws Exception {
    try (FileKeyVault vault = open()) {
      vault.createSigningKey("committee/member-1");
    }
    Files.move(keyFile("committee/member-1"), keyFile("root"));

    ArtcashException e = assertThrows(ArtcashException.class, this::open);

    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().contains(FileKeyVault.fileName("root")), e.getMessage());
  }

  @Test
  void open_damagedHeader_isRefused() throws Exception {
    open().close();
    Path header = keys().resolve(FileKeyVault.HEADER_FILE);
    Files.writeString(header, Files.readString(header).replace("iterations=310000",
        "iterations=1000"));

    ArtcashException e = assertThrows(ArtcashException.class, this::open);

    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().startsWith("the key store header " + header.toAbsolutePath()
        .normalize() + " has been altered or damaged"), e.getMessage());
  }

  @Test
  void open_keyFilesWithoutTheirHeader_areNotReplacedByANewStore() throws Exception {
    try (FileKeyVault vault = open()) {
      vault.createSigningKey("root");
    }
    Files.delete(keys().resolve(FileKeyVault.HEADER_FILE));

    ArtcashException e = assertThrows(ArtcashException.class, this::open);

    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertFalse(FileKeyVault.exists(keys()));
  }

  @Test
  void create_existingLabel_isRefused_andTheStoredKeyIsKept() throws Exception {
    byte[] original;
    try (FileKeyVault vault = open()) {
      original = vault.createSigningKey("root").publicKey();
      assertThrows(IllegalStateException.class, () -> vault.createSigningKey("root"));
    }
    byte[] file = Files.readAllBytes(keyFile("root"));

    try (FileKeyVault vault = open()) {
      assertThrows(IllegalStateException.class, () -> vault.createSigningKey("root"));
      assertThrows(IllegalStateException.class, () -> vault.createBlindSigningKey("root", 2048));
      assertThrows(IllegalStateException.class, () -> vault.createSecretKey("root", 32));
      assertArrayEquals(original, vault.signingKey("root").orElseThrow().publicKey());
    }
    assertArrayEquals(file, Files.readAllBytes(keyFile("root")));
  }

  @Test
  void files_areReadableAndWritableByTheirOwnerOnly() throws Exception {
    try (FileKeyVault vault = open()) {
      vault.createSigningKey("root");
      vault.createSecretKey("identity-register", 32);
    }
    List<Path> files = List.of(keys().resolve(FileKeyVault.HEADER_FILE), keyFile("root"),
        keyFile("identity-register"));

    if (keys().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(keys())));
      for (Path f : files) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
            f.toString());
      }
    } else {
      for (Path f : files) {
        assertTrue(Files.isReadable(f), f.toString());
      }
    }
  }

  @Test
  void open_whileOpen_isRefusedUntilClosed() throws Exception {
    try (FileKeyVault first = open()) {
      first.createSigningKey("root");

      ArtcashException e = assertThrows(ArtcashException.class, this::open);

      assertEquals(Reason.WRONG_STATE, e.reason());
      assertTrue(e.getMessage().contains("is in use by another issuer"), e.getMessage());
    }
    try (FileKeyVault again = open()) {
      assertTrue(again.signingKey("root").isPresent());
    }
  }

  @Test
  void open_newStoreWithAShortOrNoPassphrase_isRefused_andCreatesNothing() {
    ArtcashException shortOne = assertThrows(ArtcashException.class,
        () -> FileKeyVault.open(keys(), "1234567".toCharArray(), random));
    ArtcashException none = assertThrows(ArtcashException.class,
        () -> FileKeyVault.open(keys(), new char[0], random));

    assertEquals(Reason.MALFORMED, shortOne.reason());
    assertEquals(Reason.MALFORMED, none.reason());
    assertFalse(Files.exists(keys()));
  }

  @Test
  void closedVault_refusesToCreateOrFind() throws Exception {
    FileKeyVault vault = open();
    vault.close();

    assertThrows(IllegalStateException.class, () -> vault.createSigningKey("root"));
    assertThrows(IllegalStateException.class, () -> vault.signingKey("root"));
  }

  @Test
  void labels_mapToOneFileNameEachAndBack() {
    for (String label : List.of("root", "certifier/everyday", "Root", "a.b", "%41",
        "committee/member-12")) {
      String name = FileKeyVault.fileName(label);
      assertTrue(name.matches("[a-z0-9_%A-F-]+\\.key"), name);
      assertEquals(Optional.of(label), FileKeyVault.labelOf(name));
    }
    assertEquals("certifier%2Feveryday.key", FileKeyVault.fileName("certifier/everyday"));
    assertEquals(Optional.empty(), FileKeyVault.labelOf("certifier%2feveryday.key"));
    assertEquals(Optional.empty(), FileKeyVault.labelOf("%72oot.key"));
    assertEquals(Optional.empty(), FileKeyVault.labelOf("root.txt"));
    assertThrows(IllegalArgumentException.class, () -> FileKeyVault.fileName("with space"));
    assertThrows(IllegalArgumentException.class, () -> FileKeyVault.fileName(""));
  }

  private Path keyFile(String label) {
    return keys().resolve(FileKeyVault.fileName(label));
  }

  private Map<Path, byte[]> contents() throws IOException {
    Map<Path, byte[]> all = new TreeMap<>();
    try (Stream<Path> files = Files.list(keys())) {
      for (Path f : files.toList()) {
        all.put(f, Files.readAllBytes(f));
      }
    }
    return all;
  }

  private static void assertSameContents(Map<Path, byte[]> expected, Map<Path, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((f, b) -> assertArrayEquals(b, actual.get(f), f.toString()));
  }
}
