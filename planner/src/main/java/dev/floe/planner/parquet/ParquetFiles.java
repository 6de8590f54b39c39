package dev.floe.planner.parquet;

import dev.floe.planner.csv.CsvException;
import dev.floe.planner.csv.FileAccess;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.table.FloeStore;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a {@code read_parquet} path names, sorted by name:
 *
 * <ul>
 *   <li>a local file; a local folder (its {@code *.parquet} files); a local glob ({@code *}, {@code
 *       ?}, {@code [..]}, {@code **} across folders), listed only in a folder the connection's {@link
 *       FileAccess} lets it read, every file found checked again;
 *   <li>an object under the connection's own store ({@code s3://bucket/root/files/x.parquet} for a
 *       store at {@code s3://bucket/root}); a prefix there (its {@code .parquet} objects); a glob.
 *       Only the connection's store: its credentials are the connection's, and any other URL is
 *       refused (42501).
 * </ul>
 *
 * No file matching is an error (58P01) that says what was looked for.
 */
final class ParquetFiles {
  private ParquetFiles() {}

  /** Whether {@code path} names objects of a store rather than local files. */
  static boolean stored(String path) {
    return path.startsWith("s3://") || path.startsWith("mem:");
  }

  static List<ParquetSource> resolve(String path, FileAccess access, FloeStore store) {
    return stored(path) ? inStore(path, store) : local(path, access);
  }

  private static boolean glob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  private static List<ParquetSource> local(String path, FileAccess access) {
    List<ParquetSource> out = new ArrayList<>();
    if (!glob(path)) {
      Path real = access.check(ReadParquet.NAME, path);
      if (!Files.isDirectory(real)) {
        if (!Files.isRegularFile(real)) {
          throw notFound(path, "no such file");
        }
        return List.of(new ParquetSource.Local(path));
      }
      return local(path.endsWith("/") ? path + "*.parquet" : path + "/*.parquet", access);
    }
    int star = firstGlob(path);
    int slash = path.lastIndexOf('/', star);
    String base = slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    String pattern = path.substring(slash + 1);
    Path folder = access.folder(ReadParquet.NAME, base);
    if (!Files.isDirectory(folder)) {
      throw notFound(path, "folder '" + base + "' does not exist");
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    int depth = pattern.contains("**") ? Integer.MAX_VALUE : (int) pattern.chars().filter(c -> c == '/').count() + 1;
    try (Stream<Path> files = Files.walk(folder, depth)) {
      List<Path> found = files.filter(Files::isRegularFile).filter(p -> matcher.matches(folder.relativize(p)))
          .sorted().toList();
      for (Path p : found) {
        String name = (slash < 0 ? "" : base.equals("/") ? "/" : base + "/") + folder.relativize(p);
        access.check(ReadParquet.NAME, name); // a link found in an allowed folder may lead out of it
        out.add(new ParquetSource.Local(name));
      }
    } catch (IOException e) {
      throw new CsvException(CsvException.Kind.IO, "floe.read_parquet cannot list '" + base + "': "
          + e.getClass().getSimpleName());
    }
    if (out.isEmpty()) {
      throw notFound(path, "no file matches");
    }
    return out;
  }

  private static int firstGlob(String s) {
    int i = s.length();
    for (char c : new char[] {'*', '?', '['}) {
      int k = s.indexOf(c);
      if (k >= 0) {
        i = Math.min(i, k);
      }
    }
    return i;
  }

  private static List<ParquetSource> inStore(String url, FloeStore store) {
    String root = root(store);
    if (!url.startsWith(root)) {
      throw new CsvException(CsvException.Kind.ACCESS_DENIED, "floe.read_parquet may not read '" + url
          + "': it reads objects only under the connection's own store, " + root + " (with the connection's"
          + " credentials); copy the file below that root, or give a local path");
    }
    ObjectStore objects = store.files();
    String key = url.substring(root.length());
    List<ParquetSource> out = new ArrayList<>();
    if (glob(key)) {
      String prefix = key.substring(0, firstGlob(key));
      Pattern regex = globRegex(key);
      try (Stream<ObjectInfo> listed = objects.list(prefix, null)) {
        listed.filter(o -> regex.matcher(o.key()).matches())
            .forEach(o -> out.add(new ParquetSource.Stored(root + o.key(), objects, o.key(), o.size())));
      }
    } else {
      String folder = key.endsWith("/") || key.isEmpty() ? key : key + "/";
      try (Stream<ObjectInfo> listed = objects.list(key, null)) {
        listed.filter(o -> o.key().equals(key) || o.key().startsWith(folder) && o.key().endsWith(".parquet")
                && o.key().indexOf('/', folder.length()) < 0)
            .forEach(o -> out.add(new ParquetSource.Stored(root + o.key(), objects, o.key(), o.size())));
      }
      if (out.stream().anyMatch(s -> ((ParquetSource.Stored) s).key().equals(key))) {
        out.removeIf(s -> !((ParquetSource.Stored) s).key().equals(key));
      }
    }
    if (out.isEmpty()) {
      throw notFound(url, "no object matches");
    }
    return out;
  }

  /**
   * The URL of the store's root with a final slash: its location without what follows a space (an
   * S3 store's location names its endpoint after " at ").
   */
  static String root(FloeStore store) {
    String location = store.location();
    int space = location.indexOf(' ');
    String root = space < 0 ? location : location.substring(0, space);
    return root.endsWith("/") ? root : root + "/";
  }

  /** A glob over keys: {@code *} and {@code ?} within one folder, {@code **} across folders. */
  static Pattern globRegex(String glob) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        r.append(".*");
        i++;
      } else if (c == '*') {
        r.append("[^/]*");
      } else if (c == '?') {
        r.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i);
        if (end < 0) {
          r.append("\\[");
        } else {
          r.append('[').append(glob, i + 1, end).append(']');
          i = end;
        }
      } else {
        r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(r.toString());
  }

  private static CsvException notFound(String path, String why) {
    return new CsvException(CsvException.Kind.FILE_NOT_FOUND, "floe.read_parquet finds no Parquet file at '"
        + path + "': " + why + "; give a file, a folder (its *.parquet files) or a glob such as data/*.parquet");
  }
}
