package dev.floe.planner.csv;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Which local files {@code floe.read_csv} may open for one connection: any file the JVM can read,
 * none, or only files below a list of folders. The check is made each time a file is opened (when
 * a statement is prepared and again at each scan), on the file's canonical real path ({@link
 * Path#toRealPath}), so {@code ..} and symbolic links cannot lead out of an allowed folder; the
 * checked real path is what is then opened, without following a link in its last component.
 *
 * <p>Limit: a process that can rename folders inside an allowed folder while a file is being opened
 * could swap a folder for a link between the check and the open; the last component cannot be.
 *
 * <p>The texts saying why a file is refused come from the caller (the driver), which knows the
 * connection property that allows more.
 */
public abstract class FileAccess {
  /** Any file the JVM can read. */
  public static final FileAccess ALL = new FileAccess() {
    @Override
    String refusal(Path real) {
      return null;
    }

    @Override
    public String toString() {
      return "all";
    }
  };

  FileAccess() {}

  /** No file at all; {@code why} says why and what would allow it (a sentence without a period). */
  public static FileAccess none(String why) {
    return new FileAccess() {
      @Override
      String refusal(Path real) {
        return why;
      }

      @Override
      boolean refusesAll() {
        return true;
      }

      @Override
      public String toString() {
        return "none";
      }
    };
  }

  /**
   * Files below (at any depth) one of {@code folders}, which must be canonical real paths of
   * folders; {@code why} says what allows more (a sentence without a period).
   */
  public static FileAccess below(List<Path> folders, String why) {
    List<Path> roots = List.copyOf(folders);
    return new FileAccess() {
      @Override
      String refusal(Path real) {
        for (Path root : roots) {
          if (real.startsWith(root) && !real.equals(root)) {
            return null;
          }
        }
        return why;
      }

      @Override
      public String toString() {
        return roots.toString();
      }
    };
  }

  /** {@code whenTrue} while {@code condition} holds (asked at each open), else {@code otherwise}. */
  public static FileAccess when(BooleanSupplier condition, FileAccess whenTrue, FileAccess otherwise) {
    return new FileAccess() {
      @Override
      String refusal(Path real) {
        return (condition.getAsBoolean() ? whenTrue : otherwise).refusal(real);
      }

      @Override
      boolean refusesAll() {
        return (condition.getAsBoolean() ? whenTrue : otherwise).refusesAll();
      }

      @Override
      public String toString() {
        return "when(" + whenTrue + ", " + otherwise + ")";
      }
    };
  }

  /** Why the file at canonical path {@code real} may not be read, or null if it may. */
  abstract String refusal(Path real);

  /** Whether every file is refused, so that the path need not even be resolved. */
  boolean refusesAll() {
    return false;
  }

  /**
   * The path to open for {@code requested} (as the statement wrote it, relative to the working
   * directory): its canonical real path, or for a file that does not exist the real path of its
   * nearest existing folder with the rest appended, so a missing file is reported as missing only
   * where it could have been read.
   *
   * @throws CsvException ACCESS_DENIED when this policy refuses the file, BAD_ARGUMENT for a path
   *     the platform cannot name
   */
  Path check(String requested) {
    return check("floe.read_csv", requested);
  }

  /**
   * As {@link #check(String)}, for the function {@code function} (named in errors): the real path
   * of a file {@code function} may read.
   */
  public Path check(String function, String requested) {
    return checked(function, requested, false, "read");
  }

  /**
   * As {@link #check(String, String)}, for a file {@code function} would write: the same folders
   * that may be read may be written (COPY TO).
   */
  public Path checkWrite(String function, String requested) {
    return checked(function, requested, false, "write");
  }

  /**
   * The real path of the folder {@code requested}, checked as {@link #check(String, String)} checks
   * a file but for the files directly in it: a glob is listed only in a folder whose files may be
   * read (each file found is checked again before it is opened).
   */
  public Path folder(String function, String requested) {
    return checked(function, requested, true, "read");
  }

  private Path checked(String function, String requested, boolean folder, String verb) {
    if (refusesAll()) {
      throw denied(function, verb, requested, refusal(null));
    }
    Path real;
    try {
      real = realPath(Path.of(requested));
    } catch (InvalidPathException e) {
      throw new CsvException(CsvException.Kind.BAD_ARGUMENT, function + " cannot use '" + requested
          + "' as a path: " + e.getReason());
    }
    String why = refusal(folder ? real.resolve("_") : real);
    if (why != null) {
      throw denied(function, verb, requested, why);
    }
    return real;
  }

  private static CsvException denied(String function, String verb, String requested, String why) {
    return new CsvException(CsvException.Kind.ACCESS_DENIED, function + " may not " + verb + " '" + requested
        + "': " + why);
  }

  private static Path realPath(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    List<Path> rest = new ArrayList<>();
    for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
      try {
        Path real = q.toRealPath();
        for (int i = rest.size() - 1; i >= 0; i--) {
          real = real.resolve(rest.get(i));
        }
        return real.normalize();
      } catch (IOException e) {
        if (q.getFileName() == null) {
          return abs;
        }
        rest.add(q.getFileName());
      }
    }
    return abs;
  }
}
