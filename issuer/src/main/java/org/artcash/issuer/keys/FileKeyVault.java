package org.artcash.issuer.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.artcash.core.pki.Certificate;

/**
 * A {@link KeyVault} that keeps every key in a file of its own in one directory, encrypted under a
 * passphrase, so that an issuer can stop and be opened again as the same issuer.
 *
 * <p><b>For a development or pilot issuer only.</b> A production issuer keeps these keys in an HSM
 * through PKCS#11 (a later issue), where a key never leaves the device; here the keys are in this
 * process's memory while the vault is open, and as safe at rest as the passphrase is strong.
 *
 * <p>The directory holds {@value #HEADER_FILE} (the PBKDF2WithHmacSHA256 iteration count and
 * random salt, and a check value that tells a wrong passphrase from a damaged key file), one
 * {@code LABEL.key} file per key, and a lock file held while the vault is open, so one process at
 * a time uses it. Each key file is AES-256-GCM under the key derived from the passphrase, with a
 * fresh nonce and the label as associated data (a file renamed to another label does not open);
 * its plaintext is the PKCS#8 encoding of an EC or RSA private key, or a secret key's raw bytes.
 * Every file is written to a temporary file, forced to disk and moved into place atomically, and
 * is readable by its owner only where the file system has POSIX permissions. Opening reads and
 * checks every key. Thread-safe.
 */
public final class FileKeyVault implements KeyVault, AutoCloseable {
  public static final String HEADER_FILE = "key-store.properties";
  /** PBKDF2 iterations for a new store (OWASP's figure for PBKDF2-HMAC-SHA256). */
  public static final int ITERATIONS = 310_000;
  /** The shortest passphrase a new store accepts. */
  public static final int MIN_PASSPHRASE_LENGTH = 8;
  public static final int MAX_LABEL_LENGTH = 100;

  private static final int FORMAT = 1;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final String KDF = "PBKDF2WithHmacSHA256";
  private static final int SALT_LENGTH = 16;
  private static final int KEY_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_KEY_FILE = 16 * 1024;
  private static final int MIN_SECRET = 16;
  private static final int MAX_SECRET = 64;
  private static final String KEY_SUFFIX = ".key";
  private static final String LOCK_FILE = ".lock";
  private static final String TEMP_PREFIX = ".tmp-";
  private static final byte[] MAGIC = ascii("AKEY");
  private static final byte[] FILE_DOMAIN = ascii("artcash-key-file-v1");
  private static final byte[] CHECK_DOMAIN = ascii("artcash-key-store-check-v1");
  private static final byte[] CHECK_TEXT = ascii("artcash issuer key store");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final HexFormat HEX = HexFormat.of();

  /** What a key file holds; the code is part of the file format. */
  private enum Kind {
    EC_P256(1), RSA(2), SECRET(3);

    final int code;

    Kind(int code) {
      this.code = code;
    }

    static Optional<Kind> of(int code) {
      return Arrays.stream(values()).filter(k -> k.code == code).findFirst();
    }
  }

  private final Path dir;
  private final SecureRandom random;
  private final boolean posix;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final byte[] storeKey;
  private final Map<String, EcSigner> signingKeys = new HashMap<>();
  private final Map<String, BlindSigner> blindSigningKeys = new HashMap<>();
  private final Map<String, byte[]> secretKeys = new HashMap<>();
  private boolean closed;

  private FileKeyVault(Path dir, SecureRandom random, boolean posix, FileChannel lockChannel,
      FileLock lock, byte[] storeKey) {
    this.dir = dir;
    this.random = random;
    this.posix = posix;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.storeKey = storeKey;
  }

  /** Whether {@code dir} holds a key store (its {@value #HEADER_FILE}). */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(HEADER_FILE));
  }

  /**
   * Opens the key store in {@code dir} with {@code passphrase}, or makes a new, empty one there
   * (creating the directory) when it holds none. The passphrase is not kept; the caller wipes it.
   *
   * @throws ArtcashException {@link Reason#BAD_SIGNATURE} for a wrong passphrase; {@link
   *     Reason#STORAGE_FAILURE} for a key file or header that was altered or damaged, or a store
   *     that cannot be read or made; {@link Reason#WRONG_STATE} when another process, or another
   *     vault in this one, has it open; {@link Reason#MALFORMED} for a missing passphrase, or one
   *     shorter than {@value #MIN_PASSPHRASE_LENGTH} characters for a new store. Nothing is
   *     changed then.
   */
  public static FileKeyVault open(Path dir, char[] passphrase, SecureRandom random)
      throws ArtcashException {
    Objects.requireNonNull(random, "random");
    Path home = dir.toAbsolutePath().normalize();
    boolean existing = exists(home);
    if (passphrase == null || passphrase.length == 0) {
      throw new ArtcashException(Reason.MALFORMED, "the issuer key store at " + home
          + " needs a passphrase; none was given");
    }
    if (!existing && passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new ArtcashException(Reason.MALFORMED, "a new issuer key store needs a passphrase"
          + " of at least " + MIN_PASSPHRASE_LENGTH + " characters; nothing was created at "
          + home);
    }
    boolean posix = createDirectory(home);
    FileChannel lockChannel = null;
    FileLock lock = null;
    byte[] storeKey = null;
    try {
      lockChannel = FileChannel.open(home.resolve(LOCK_FILE), Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE), ownerOnly(posix, OWNER_FILE));
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new ArtcashException(Reason.WRONG_STATE, "the issuer key store at " + home
            + " is in use by another issuer; stop that one first");
      }
      // Decided again under the lock: another process may have made the store meanwhile.
      storeKey = exists(home) ? unlock(home, passphrase)
          : initialise(home, passphrase, random, posix);
      FileKeyVault vault = new FileKeyVault(home, random, posix, lockChannel, lock, storeKey);
      try {
        vault.loadKeys();
      } catch (IOException | ArtcashException | RuntimeException e) {
        vault.close(); // wipes what was read so far
        throw e;
      }
      return vault;
    } catch (IOException e) {
      wipe(storeKey);
      release(lockChannel);
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the issuer key store at " + home
          + " cannot be read or written: " + e.getMessage(), e);
    } catch (ArtcashException | RuntimeException e) {
      wipe(storeKey);
      release(lockChannel);
      throw e;
    }
  }

  public Path directory() {
    return dir;
  }

  @Override
  public synchronized EcSigner createSigningKey(String label) {
    requireFree(label);
    KeyPair pair = P256.generate(random);
    ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
    ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
    byte[] pkcs8 = privateKey.getEncoded();
    try {
      write(label, Kind.EC_P256, P256.encode(publicKey), pkcs8);
    } finally {
      wipe(pkcs8);
    }
    EcSigner signer = Ecdsa.softwareSigner(privateKey, publicKey, random);
    signingKeys.put(label, signer);
    return signer;
  }

  @Override
  public synchronized BlindSigner createBlindSigningKey(String label, int modulusBits) {
    requireFree(label);
    KeyPair pair = BlindRsa.generateKeyPair(modulusBits, random);
    RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) pair.getPrivate();
    RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
    byte[] pkcs8 = privateKey.getEncoded();
    try {
      write(label, Kind.RSA, BlindRsa.encodePublicKey(publicKey), pkcs8);
    } finally {
      wipe(pkcs8);
    }
    BlindSigner signer = new SoftwareBlindSigner(privateKey, publicKey);
    blindSigningKeys.put(label, signer);
    return signer;
  }

  @Override
  public synchronized byte[] createSecretKey(String label, int length) {
    requireFree(label);
    if (length < MIN_SECRET || length > MAX_SECRET) {
      throw new IllegalArgumentException("a secret key is " + MIN_SECRET + " to " + MAX_SECRET
          + " bytes, not " + length);
    }
    byte[] key = new byte[length];
    random.nextBytes(key);
    write(label, Kind.SECRET, new byte[0], key);
    secretKeys.put(label, key);
    return key.clone();
  }

  @Override
  public synchronized Optional<EcSigner> signingKey(String label) {
    requireOpen();
    return Optional.ofNullable(signingKeys.get(label));
  }

  @Override
  public synchronized Optional<BlindSigner> blindSigningKey(String label) {
    requireOpen();
    return Optional.ofNullable(blindSigningKeys.get(label));
  }

  @Override
  public synchronized Optional<byte[]> secretKey(String label) {
    requireOpen();
    return Optional.ofNullable(secretKeys.get(label)).map(byte[]::clone);
  }

  @Override
  public synchronized SortedSet<String> labels() {
    requireOpen();
    SortedSet<String> all = new TreeSet<>(signingKeys.keySet());
    all.addAll(blindSigningKeys.keySet());
    all.addAll(secretKeys.keySet());
    return Collections.unmodifiableSortedSet(all);
  }

  /**
   * Forgets the keys and releases the directory for another process. Signers handed out before
   * keep working; nothing more can be created or found here.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    wipe(storeKey);
    secretKeys.values().forEach(FileKeyVault::wipe);
    secretKeys.clear();
    signingKeys.clear();
    blindSigningKeys.clear();
    release(lockChannel);
  }

  @Override
  public String toString() {
    return "FileKeyVault[" + dir + "]";
  }

  /** The file name of a label: letters a-z, digits, '-' and '_' as they are, any other as %XX. */
  static String fileName(String label) {
    requireLabel(label);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (plain(c)) {
        name.append(c);
      } else {
        name.append('%').append(HEX.toHexDigits((byte) c).toUpperCase(java.util.Locale.ROOT));
      }
    }
    return name.append(KEY_SUFFIX).toString();
  }

  /** The label of a key file name, when it is the one {@link #fileName} makes for it. */
  static Optional<String> labelOf(String fileName) {
    if (!fileName.endsWith(KEY_SUFFIX)) {
      return Optional.empty();
    }
    String encoded = fileName.substring(0, fileName.length() - KEY_SUFFIX.length());
    StringBuilder label = new StringBuilder();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        String hex = encoded.substring(i + 1, i + 3);
        if (!hex.matches("[0-9A-F]{2}")) {
          return Optional.empty();
        }
        label.append((char) Integer.parseInt(hex, 16));
        i += 2;
      } else {
        label.append(c);
      }
    }
    String s = label.toString();
    try {
      return fileName(s).equals(fileName) ? Optional.of(s) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // --- opening

  /** Creates the directory (owner-only where POSIX); true when the file system is POSIX. */
  private static boolean createDirectory(Path home) throws ArtcashException {
    boolean posix = home.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(home)) {
        Files.createDirectories(home.getParent());
        Files.createDirectory(home, ownerOnly(posix, OWNER_DIRECTORY));
      }
      return posix;
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot create the issuer key store at "
          + home + ": " + e.getMessage(), e);
    }
  }

  /** Makes the header of a new store and returns the store key. */
  private static byte[] initialise(Path home, char[] passphrase, SecureRandom random,
      boolean posix) throws IOException, ArtcashException {
    List<Path> keyFiles = keyFiles(home);
    if (!keyFiles.isEmpty()) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, home + " holds key files but no "
          + HEADER_FILE + ", without which they cannot be opened; restore that file from a"
          + " backup of " + home);
    }
    if (posix) {
      Files.setPosixFilePermissions(home, OWNER_DIRECTORY);
    }
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    byte[] storeKey = derive(passphrase, salt, ITERATIONS);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] check = gcm(Cipher.ENCRYPT_MODE, storeKey, nonce, CHECK_TEXT, checkAad(salt));
    String header = "# The artcash issuer key store (FileKeyVault): each *.key file here is a key"
        + " encrypted\n# with AES-256-GCM under a key derived from the passphrase with "
        + KDF + " and this salt.\n"
        + "format=" + FORMAT + "\n"
        + "kdf=" + KDF + "\n"
        + "iterations=" + ITERATIONS + "\n"
        + "salt=" + HEX.formatHex(salt) + "\n"
        + "check=" + HEX.formatHex(nonce) + HEX.formatHex(check) + "\n";
    writeAtomically(home, home.resolve(HEADER_FILE), header.getBytes(StandardCharsets.US_ASCII),
        posix);
    return storeKey;
  }

  /** Reads the header, derives the store key and checks the passphrase with it. */
  private static byte[] unlock(Path home, char[] passphrase) throws IOException, ArtcashException {
    Path file = home.resolve(HEADER_FILE);
    Properties header = new Properties();
    header.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
    int iterations;
    byte[] salt;
    byte[] check;
    try {
      if (!String.valueOf(FORMAT).equals(header.getProperty("format"))
          || !KDF.equals(header.getProperty("kdf"))) {
        throw new IllegalArgumentException("unknown format or key derivation");
      }
      iterations = Integer.parseInt(header.getProperty("iterations", ""));
      salt = HEX.parseHex(header.getProperty("salt", ""));
      check = HEX.parseHex(header.getProperty("check", ""));
    } catch (IllegalArgumentException e) {
      throw damagedHeader(file, e.getMessage());
    }
    if (iterations < ITERATIONS || iterations > MAX_ITERATIONS || salt.length != SALT_LENGTH
        || check.length != NONCE_LENGTH + CHECK_TEXT.length + TAG_BITS / 8) {
      throw damagedHeader(file, "iterations, salt or check value out of range");
    }
    byte[] storeKey = derive(passphrase, salt, iterations);
    try {
      byte[] text = gcm(Cipher.DECRYPT_MODE, storeKey, Arrays.copyOf(check, NONCE_LENGTH),
          Arrays.copyOfRange(check, NONCE_LENGTH, check.length), checkAad(salt));
      if (text == null || !Arrays.equals(text, CHECK_TEXT)) {
        throw new ArtcashException(Reason.BAD_SIGNATURE, "the issuer key store at " + home
            + " cannot be opened with this passphrase");
      }
      return storeKey;
    } catch (ArtcashException | RuntimeException e) {
      wipe(storeKey);
      throw e;
    }
  }

  private void loadKeys() throws IOException, ArtcashException {
    for (Path file : keyFiles(dir)) {
      String name = file.getFileName().toString();
      String label = labelOf(name).orElseThrow(() -> damaged(file, "its name is not one this"
          + " store gives a key file"));
      long size = Files.size(file);
      if (size > MAX_KEY_FILE) {
        throw damaged(file, "it is " + size + " bytes");
      }
      load(file, label, Files.readAllBytes(file));
    }
  }

  private void load(Path file, String label, byte[] content) throws ArtcashException {
    Kind kind;
    byte[] publicKey;
    byte[] nonce;
    byte[] sealed;
    try {
      Decoder d = Decoder.of(content, "key file");
      if (!Arrays.equals(d.fixed(MAGIC.length, "magic"), MAGIC) || d.u8("format") != FORMAT) {
        throw damaged(file, "it does not start as a key file of this format");
      }
      int code = d.u8("kind");
      kind = Kind.of(code).orElseThrow(() -> damaged(file, "unknown key kind " + code));
      publicKey = d.var(Certificate.MAX_PUBLIC_KEY, "public key");
      nonce = d.fixed(NONCE_LENGTH, "nonce");
      sealed = d.fixed(d.remaining(), "encrypted key");
    } catch (ArtcashException e) {
      if (e.reason() == Reason.STORAGE_FAILURE) {
        throw e;
      }
      throw damaged(file, e.getMessage());
    }
    byte[] plain = gcm(Cipher.DECRYPT_MODE, storeKey, nonce, sealed, fileAad(kind, label,
        publicKey));
    if (plain == null) {
      throw damaged(file, "it does not decrypt with this store's key");
    }
    try {
      switch (kind) {
        case EC_P256 -> signingKeys.put(label, ecSigner(file, publicKey, plain));
        case RSA -> blindSigningKeys.put(label, blindSigner(file, publicKey, plain));
        case SECRET -> {
          if (plain.length < MIN_SECRET || plain.length > MAX_SECRET) {
            throw damaged(file, "a secret key of " + plain.length + " bytes");
          }
          secretKeys.put(label, plain.clone());
        }
      }
    } finally {
      wipe(plain);
    }
  }

  private EcSigner ecSigner(Path file, byte[] publicKey, byte[] pkcs8) throws ArtcashException {
    ECPublicKey pub;
    try {
      pub = P256.decode(publicKey);
    } catch (ArtcashException e) {
      throw damaged(file, e.getMessage());
    }
    try {
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
          new PKCS8EncodedKeySpec(pkcs8));
      if (!(key instanceof ECPrivateKey priv)
          || priv.getParams().getCurve().getField().getFieldSize() != 256) {
        throw damaged(file, "it does not hold a P-256 private key");
      }
      // The pair was authenticated together; a signature that verifies shows it is a pair.
      byte[] probe = FILE_DOMAIN;
      if (!Ecdsa.verify(pub, probe, Ecdsa.sign(priv, probe, random))) {
        throw damaged(file, "its private and public keys do not belong together");
      }
      return Ecdsa.softwareSigner(priv, pub, random);
    } catch (GeneralSecurityException e) {
      throw damaged(file, "its PKCS#8 key does not decode (" + e.getMessage() + ")");
    }
  }

  private static BlindSigner blindSigner(Path file, byte[] publicKey, byte[] pkcs8)
      throws ArtcashException {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey priv)) {
        throw damaged(file, "it does not hold an RSA private key with its CRT parameters");
      }
      RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(
          new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
      if (!Arrays.equals(BlindRsa.encodePublicKey(pub), publicKey)) {
        throw damaged(file, "its private and public keys do not belong together");
      }
      return new SoftwareBlindSigner(priv, pub);
    } catch (GeneralSecurityException e) {
      throw damaged(file, "its PKCS#8 key does not decode (" + e.getMessage() + ")");
    }
  }

  // --- writing

  private void write(String label, Kind kind, byte[] publicKey, byte[] secret) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] sealed = gcm(Cipher.ENCRYPT_MODE, storeKey, nonce, secret,
        fileAad(kind, label, publicKey));
    byte[] content = new Encoder().raw(MAGIC).u8(FORMAT).u8(kind.code)
        .var(publicKey, Certificate.MAX_PUBLIC_KEY).raw(nonce).raw(sealed).toByteArray();
    Path target = dir.resolve(fileName(label));
    try {
      if (Files.exists(target)) {
        throw taken(label);
      }
      writeAtomically(dir, target, content, posix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key file " + target + ": "
          + e.getMessage(), e);
    }
  }

  /** Temporary file, forced to disk, moved into place in one step; the directory forced too. */
  private static void writeAtomically(Path home, Path target, byte[] content, boolean posix)
      throws IOException {
    Path temp = Files.createTempFile(home, TEMP_PREFIX, ".part", ownerOnly(posix, OWNER_FILE));
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      forceDirectory(home);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** The permissions as a file attribute where the file system has them, else none. */
  private static FileAttribute<?>[] ownerOnly(boolean posix, Set<PosixFilePermission> permissions) {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static void forceDirectory(Path home) {
    try (FileChannel channel = FileChannel.open(home, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; their rename is durable on its own.
    }
  }

  // --- helpers

  private static List<Path> keyFiles(Path home) throws IOException {
    List<Path> files = new java.util.ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(home, "*" + KEY_SUFFIX)) {
      entries.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private static byte[] derive(char[] passphrase, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_LENGTH * 8);
    try {
      return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(KDF + " is required by every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** AES-256-GCM; on decryption null when the tag does not verify. */
  private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is required by every JDK", e);
    }
  }

  private static byte[] fileAad(Kind kind, String label, byte[] publicKey) {
    return new Encoder().raw(FILE_DOMAIN).u8(FORMAT).u8(kind.code)
        .string(label, MAX_LABEL_LENGTH).var(publicKey, Certificate.MAX_PUBLIC_KEY)
        .toByteArray();
  }

  private static byte[] checkAad(byte[] salt) {
    return new Encoder().raw(CHECK_DOMAIN).raw(salt).toByteArray();
  }

  private void requireFree(String label) {
    requireOpen();
    requireLabel(label);
    if (signingKeys.containsKey(label) || blindSigningKeys.containsKey(label)
        || secretKeys.containsKey(label)) {
      throw taken(label);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the key vault at " + dir + " is closed");
    }
  }

  /** Labels are 1 to 100 printable ASCII characters. */
  private static void requireLabel(String label) {
    if (label == null || label.isEmpty() || label.length() > MAX_LABEL_LENGTH
        || !label.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException("a key label is 1 to " + MAX_LABEL_LENGTH
          + " printable ASCII characters without spaces: '" + label + "'");
    }
  }

  private static boolean plain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  private IllegalStateException taken(String label) {
    return new IllegalStateException("the key vault at " + dir + " already holds a key labelled '"
        + label + "'");
  }

  private static ArtcashException damaged(Path file, String detail) {
    return new ArtcashException(Reason.STORAGE_FAILURE, "the key file " + file
        + " has been altered or damaged (" + detail + "); restore it from a backup of "
        + file.getParent());
  }

  private static ArtcashException damagedHeader(Path file, String detail) {
    return new ArtcashException(Reason.STORAGE_FAILURE, "the key store header " + file
        + " has been altered or damaged (" + detail + "); restore it from a backup of "
        + file.getParent());
  }

  private static void release(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close(); // releases the lock with it
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
