package dev.floe.jdbc;

import dev.floe.planner.csv.FileAccess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The connection property {@link FloeProperty#ALLOWED_DIRECTORIES} read once when a connection is
 * opened, as the {@link FileAccess} policy that {@code floe.read_csv} consults at every file it
 * opens. Folders are separated by {@link File#pathSeparator}, as in {@code PATH}; {@code *} or
 * {@code all} allows every file, {@code none} (or an empty value) none. Unset, a writable
 * connection may read any file and a read-only one none: read-only from its URL ({@code
 * readOnly=true}, {@code snapshot=NAME}) for good, or from {@code setReadOnly(true)} while it stays
 * so.
 */
final class ExternalAccess {
  /** The policy of a connection without the property, writable when opened. */
  static final ExternalAccess DEFAULT = new ExternalAccess(null, false);

  private static final String KEY = FloeProperty.ALLOWED_DIRECTORIES.key();
  private static final String HOW = "set the connection property " + KEY + " to the folders it may read (separated"
      + " by '" + File.pathSeparator + "'), or to '*' for any file the JVM can read";

  /** The explicit policy, or null when the property is unset. */
  private final FileAccess explicit;
  /** Whether the URL opens the connection read-only (readOnly=true or a snapshot). */
  private final boolean readOnlyUrl;

  private ExternalAccess(FileAccess explicit, boolean readOnlyUrl) {
    this.explicit = explicit;
    this.readOnlyUrl = readOnlyUrl;
  }

  /**
   * The policy the URL's properties give.
   *
   * @throws SQLException 08001 when the property names a folder that does not exist
   */
  static ExternalAccess of(FloeUrl url) throws SQLException {
    boolean readOnly = url.readOnly() || url.snapshot() != null;
    String value = url.values().get(FloeProperty.ALLOWED_DIRECTORIES);
    return new ExternalAccess(value == null ? null : parse(value.trim()), readOnly);
  }

  /**
   * The policy for one connection; {@code readOnlyNow} says whether the connection is read-only at
   * the moment a file is opened (it matters only when the property is unset).
   */
  FileAccess policy(BooleanSupplier readOnlyNow) {
    if (explicit != null) {
      return explicit;
    }
    if (readOnlyUrl) {
      return FileAccess.none("this connection is read-only (readOnly=true or a snapshot), and a read-only"
          + " connection reads no local file unless allowed; " + HOW);
    }
    return FileAccess.when(readOnlyNow, FileAccess.none("this connection was made read-only"
        + " (setReadOnly(true)), and a read-only connection reads no local file unless allowed; " + HOW),
        FileAccess.ALL);
  }

  /** Whether {@code c} is read-only now; a connection that cannot say (closed) counts as read-only. */
  static boolean isReadOnly(java.sql.Connection c) {
    try {
      return c.isReadOnly();
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }

  private static FileAccess parse(String value) throws SQLException {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.equals("*") || v.equals("all")) {
      return FileAccess.ALL;
    }
    if (v.equals("none") || v.isEmpty()) {
      return FileAccess.none("the connection property " + KEY + " is 'none'; " + HOW);
    }
    List<Path> folders = new ArrayList<>();
    for (String entry : value.split(Pattern.quote(File.pathSeparator))) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      try {
        Path real = Path.of(e).toRealPath();
        if (Files.isDirectory(real)) {
          folders.add(real);
          continue;
        }
      } catch (IOException | InvalidPathException ex) {
        // reported below
      }
      throw SqlState.UNABLE_TO_CONNECT.exception("the connection property " + KEY + " names '" + e
          + "', which is not an existing folder; give existing folders separated by '" + File.pathSeparator
          + "' (relative ones are resolved against " + Path.of("").toAbsolutePath() + "), '*' for any file or"
          + " 'none'");
    }
    return FileAccess.below(folders, "it is not below the folders the connection property " + KEY + " allows ("
        + String.join(File.pathSeparator, folders.stream().map(Path::toString).toList()) + "); add its folder to "
        + KEY + " (folders separated by '" + File.pathSeparator + "'), or set it to '*' for any file the JVM can"
        + " read");
  }
}
