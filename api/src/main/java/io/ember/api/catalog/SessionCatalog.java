package io.ember.api.catalog;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases and persistent tables of one warehouse directory ({@code spark.sql.warehouse.dir}), as Spark's
 * session catalog over its built-in catalog. Database {@value #DEFAULT_DATABASE} always exists; its managed tables'
 * data lies in {@code <warehouse>/<table>}, another database's in {@code <warehouse>/<db>.db/<table>} (Spark's
 * layout). External tables keep their data at their own location.
 *
 * <p>Unlike Spark without Hive, whose catalog lives in memory and is forgotten with the session, each table's
 * metadata is a JSON file ({@link TableMetadataJson}) in {@code <warehouse>/}{@value #METADATA_DIR}{@code /<db>/},
 * and each database a directory there: a later session, or another process, over the same warehouse sees them. The
 * directory name starts with {@code _}, so readers of the warehouse's files never take it for data. Every call
 * reads the files anew (nothing is cached), so several sessions over one warehouse agree. A table file appears and
 * is replaced by an atomic rename, so a reader never sees half of one; creating a table that another writer created
 * at the same moment fails for one of them with {@code TABLE_OR_VIEW_ALREADY_EXISTS}. Thread-safe.
 */
public final class SessionCatalog {
  /** The database of unqualified names. */
  public static final String DEFAULT_DATABASE = "default";
  /** The catalog's name in fully qualified identifiers, as Spark's. */
  public static final String CATALOG_NAME = "spark_catalog";
  /** The directory below the warehouse holding the metadata. */
  public static final String METADATA_DIR = "_ember_catalog";
  /** Spark's default warehouse, relative to the working directory. */
  public static final String DEFAULT_WAREHOUSE = "spark-warehouse";

  private static final String TABLE_SUFFIX = ".json";
  /** A database's own file in its metadata directory (not a table's: no {@link #TABLE_SUFFIX}). */
  private static final String DATABASE_FILE = ".database";

  private final Path warehouse;

  /** The catalog of {@code warehouse} (made absolute; created only when a database or table is created). */
  public SessionCatalog(Path warehouse) {
    this.warehouse = warehouse.toAbsolutePath().normalize();
  }

  /** The warehouse directory. */
  public Path warehouse() {
    return warehouse;
  }

  /** Whether database {@code name} (any case) exists. */
  public boolean databaseExists(String name) {
    String db = name.toLowerCase(Locale.ROOT);
    return db.equals(DEFAULT_DATABASE) || Files.isDirectory(metadataDir(db));
  }

  /** The databases, sorted; always holds {@value #DEFAULT_DATABASE}. */
  public List<String> listDatabases() {
    List<String> out = new ArrayList<>(List.of(DEFAULT_DATABASE));
    Path root = warehouse.resolve(METADATA_DIR);
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
        dirs.forEach(d -> {
          if (!d.getFileName().toString().equals(DEFAULT_DATABASE)) {
            out.add(d.getFileName().toString());
          }
        });
      } catch (IOException e) {
        throw ioFailure("list the databases of", root, e);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * Creates database {@code name}, its managed tables' data under {@code location} (null: {@code <warehouse>/<db>.db},
   * Spark's default).
   *
   * @throws AnalysisException {@code SCHEMA_ALREADY_EXISTS} when it exists and {@code ifNotExists} is false
   */
  public synchronized void createDatabase(String name, boolean ifNotExists, String location, String comment) {
    createDatabase(name, ifNotExists, location, comment, Map.of());
  }

  /**
   * As {@link #createDatabase(String, boolean, String, String)}, keeping the database's {@code properties}.
   *
   * @throws AnalysisException {@code SCHEMA_ALREADY_EXISTS} when it exists and {@code ifNotExists} is false
   */
  public synchronized void createDatabase(String name, boolean ifNotExists, String location, String comment,
      Map<String, String> properties) {
    String db = checkedName(name.toLowerCase(Locale.ROOT), "database");
    if (databaseExists(db)) {
      if (ifNotExists) {
        return;
      }
      throw new AnalysisException("SCHEMA_ALREADY_EXISTS", "Cannot create schema `" + db + "` because it already"
          + " exists. Choose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate"
          + " pre-existing schema.");
    }
    Path dir = location != null ? Path.of(location).toAbsolutePath().normalize() : warehouse.resolve(db + ".db");
    try {
      Files.createDirectories(metadataDir(db));
      Files.createDirectories(dir);
      writeDatabase(new CatalogDatabase(db, dir.toString(), comment, properties));
    } catch (IOException e) {
      throw ioFailure("create database " + db + " in", warehouse, e);
    }
  }

  /**
   * Sets properties of database {@code name} (Spark's {@code ALTER DATABASE .. SET DBPROPERTIES}): {@code more}
   * replace those of the same keys, the others stay.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND}
   */
  public synchronized void alterDatabaseProperties(String name, Map<String, String> more) {
    CatalogDatabase db = getDatabase(name);
    try {
      Files.createDirectories(metadataDir(db.name()));
      writeDatabase(db.withProperties(more));
    } catch (IOException e) {
      throw ioFailure("alter database " + db.name() + " in", warehouse, e);
    }
  }

  /** Writes {@code db}'s file, replacing it at once. */
  private void writeDatabase(CatalogDatabase db) throws IOException {
    Path file = metadataDir(db.name()).resolve(DATABASE_FILE);
    Path tmp = file.resolveSibling("." + DATABASE_FILE + "." + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, TableMetadataJson.writeDatabase(db), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** As {@link #createDatabase(String, boolean, String, String)} at the default location, without a comment. */
  public void createDatabase(String name, boolean ifNotExists) {
    createDatabase(name, ifNotExists, null, null);
  }

  /**
   * The database {@code name}: its location and comment.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND}
   */
  public CatalogDatabase getDatabase(String name) {
    requireDatabase(name);
    String db = name.toLowerCase(Locale.ROOT);
    Path file = metadataDir(db).resolve(DATABASE_FILE);
    try {
      return TableMetadataJson.readDatabase(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      if (db.equals(DEFAULT_DATABASE)) {
        // the default database has a file only once its properties are set
        return new CatalogDatabase(db, warehouse.toString(), "default database");
      }
      // a database made before databases had a file of their own
      return new CatalogDatabase(db, warehouse.resolve(db + ".db").toString(), null);
    } catch (IOException e) {
      throw ioFailure("read database metadata", file, e);
    }
  }

  /**
   * Drops database {@code name} and its directory; with {@code cascade} its tables and views first (a managed
   * table's data with it), else only when it holds none.
   *
   * @return false when there was no such database and {@code ifExists} is true
   * @throws AnalysisException {@code UNSUPPORTED_FEATURE.DROP_DATABASE} for {@value #DEFAULT_DATABASE},
   *     {@code SCHEMA_NOT_FOUND}, {@code SCHEMA_NOT_EMPTY} when it holds tables and {@code cascade} is false
   */
  public synchronized boolean dropDatabase(String name, boolean ifExists, boolean cascade) {
    String db = name.toLowerCase(Locale.ROOT);
    if (db.equals(DEFAULT_DATABASE)) {
      throw new AnalysisException("UNSUPPORTED_FEATURE.DROP_DATABASE", "The feature is not supported: Drop the"
          + " default database `" + DEFAULT_DATABASE + "` is not allowed.");
    }
    if (!databaseExists(db)) {
      if (ifExists) {
        return false;
      }
      requireDatabase(db);
    }
    CatalogDatabase database = getDatabase(db);
    List<CatalogTable> tables = listTables(db);
    if (!tables.isEmpty() && !cascade) {
      throw new AnalysisException("SCHEMA_NOT_EMPTY", "Cannot drop a schema `" + db + "` because it contains"
          + " objects. Use DROP SCHEMA ... CASCADE to drop the schema and all its objects.");
    }
    for (CatalogTable t : tables) {
      dropTable(t.id(), true);
    }
    try {
      deleteRecursively(metadataDir(db));
      deleteRecursively(Path.of(database.location()));
    } catch (IOException e) {
      throw ioFailure("drop database " + db + " at", Path.of(database.location()), e);
    }
    return true;
  }

  /**
   * Throws unless database {@code name} exists.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND}
   */
  public void requireDatabase(String name) {
    if (!databaseExists(name)) {
      throw new AnalysisException("SCHEMA_NOT_FOUND", "The schema `" + name.toLowerCase(Locale.ROOT) + "` cannot be"
          + " found. Verify the spelling and correctness of the schema and catalog; existing schemas: "
          + String.join(", ", listDatabases()) + ".");
    }
  }

  /** Where a managed table {@code id}'s data lies. */
  public Path defaultLocation(TableIdentifier id) {
    checkedName(id.table(), "table");
    return Path.of(getDatabase(id.database()).location()).resolve(id.table());
  }

  /** The table {@code id}, or empty when there is none (also when its database does not exist). */
  public Optional<CatalogTable> getTable(TableIdentifier id) {
    Path file = tableFile(id);
    try {
      return Optional.of(TableMetadataJson.read(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw ioFailure("read table metadata", file, e);
    }
  }

  /** Whether table {@code id} exists. */
  public boolean tableExists(TableIdentifier id) {
    return Files.isRegularFile(tableFile(id));
  }

  /**
   * The tables of database {@code db}, sorted by name.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND} for a database that does not exist
   */
  public List<CatalogTable> listTables(String db) {
    requireDatabase(db);
    Path dir = metadataDir(db.toLowerCase(Locale.ROOT));
    List<CatalogTable> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(TABLE_SUFFIX)).sorted().toList()) {
        try {
          out.add(TableMetadataJson.read(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
        } catch (NoSuchFileException dropped) {
          // dropped while listing
        }
      }
    } catch (IOException e) {
      throw ioFailure("list the tables of", dir, e);
    }
    out.sort(Comparator.comparing(t -> t.id().table()));
    return out;
  }

  /**
   * Records {@code table} and creates its directory. A managed table's location must not hold files yet (as Spark
   * refuses, so that a new table does not silently take over an old one's data).
   *
   * @return false when the table existed and {@code ignoreIfExists} is true (nothing changed)
   * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS}, {@code SCHEMA_NOT_FOUND},
   *     {@code LOCATION_ALREADY_EXISTS} for a managed table whose directory is not empty
   */
  public synchronized boolean createTable(CatalogTable table, boolean ignoreIfExists) {
    TableIdentifier id = table.id();
    checkedName(id.table(), "table");
    requireDatabase(id.database());
    if (tableExists(id)) {
      if (ignoreIfExists) {
        return false;
      }
      throw alreadyExists(id);
    }
    Path location = table.isView() ? null : Path.of(table.location());
    if (table.type() == CatalogTable.TableType.MANAGED && !isEmptyOrAbsent(location)) {
      throw new AnalysisException("LOCATION_ALREADY_EXISTS", "Cannot name the managed table as " + id.quoted()
          + ", as its associated location 'file:" + location + "' already exists. Please pick a different table"
          + " name, or remove the existing location first.");
    }
    try {
      if (location != null) {
        Files.createDirectories(location);
      }
      Path file = tableFile(id);
      Files.createDirectories(file.getParent());
      Path tmp = staged(file, table);
      try {
        // a hard link appears whole and fails when the name is taken (a rename would replace it)
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        throw alreadyExists(id);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw ioFailure("create table " + id + " at", location != null ? location : tableFile(id), e);
    }
    return true;
  }

  /**
   * Replaces the metadata of the existing table {@code table.id()} (its data is not touched).
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is no such table
   */
  public synchronized void alterTable(CatalogTable table) {
    if (!tableExists(table.id())) {
      throw notFound(table.id());
    }
    Path file = tableFile(table.id());
    try {
      Files.move(staged(file, table), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw ioFailure("replace the metadata of table " + table.id() + " in", file, e);
    }
  }

  /**
   * Drops table {@code id}: forgets it and, for a managed table, deletes its data; an external table's files stay.
   *
   * @return false when there was no such table and {@code ifExists} is true
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there was none and {@code ifExists} is false
   */
  public synchronized boolean dropTable(TableIdentifier id, boolean ifExists) {
    Optional<CatalogTable> table = getTable(id);
    if (table.isEmpty()) {
      if (ifExists) {
        return false;
      }
      throw notFound(id);
    }
    Path file = tableFile(id);
    try {
      Files.deleteIfExists(file);
      if (table.get().type() == CatalogTable.TableType.MANAGED) {
        deleteRecursively(Path.of(table.get().location()));
      }
    } catch (IOException e) {
      throw ioFailure("drop table " + id + " at", Path.of(table.get().location()), e);
    }
    return true;
  }

  /**
   * Renames table or view {@code from} to {@code to}; a managed table's data moves to {@code to}'s default location
   * (as Spark moves it), an external table's and a view's stay.
   *
   * @return the table under its new name
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}, {@code TABLE_OR_VIEW_ALREADY_EXISTS},
   *     {@code SCHEMA_NOT_FOUND} for {@code to}'s database
   */
  public synchronized CatalogTable renameTable(TableIdentifier from, TableIdentifier to) {
    CatalogTable table = getTable(from).orElseThrow(() -> notFound(from));
    requireDatabase(to.database());
    if (tableExists(to)) {
      throw alreadyExists(to);
    }
    String location = table.location();
    try {
      if (table.type() == CatalogTable.TableType.MANAGED) {
        Path target = defaultLocation(to);
        if (!isEmptyOrAbsent(target)) {
          throw new AnalysisException("LOCATION_ALREADY_EXISTS", "Cannot name the managed table as " + to.quoted()
              + ", as its associated location 'file:" + target + "' already exists. Please pick a different table"
              + " name, or remove the existing location first.");
        }
        Files.deleteIfExists(target);
        Files.createDirectories(target.getParent());
        Files.move(Path.of(location), target, StandardCopyOption.ATOMIC_MOVE);
        location = target.toString();
      }
      CatalogTable renamed = table.renamed(to, location);
      Path file = tableFile(to);
      Files.createDirectories(file.getParent());
      Path tmp = staged(file, renamed);
      try {
        Files.createLink(file, tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
      Files.deleteIfExists(tableFile(from));
      return renamed;
    } catch (IOException e) {
      throw ioFailure("rename table " + from + " to " + to + " at", Path.of(location), e);
    }
  }

  /** Deletes every file under {@code dir} and the directory itself; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Spark's {@code TABLE_OR_VIEW_ALREADY_EXISTS}. */
  public static AnalysisException alreadyExists(TableIdentifier id) {
    return new AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", "Cannot create table or view " + id.quoted()
        + " because it already exists. Choose a different name, drop or replace the existing object, or add the IF"
        + " NOT EXISTS clause to tolerate pre-existing objects.");
  }

  /** Spark's {@code TABLE_OR_VIEW_NOT_FOUND} for {@code id}, without suggestions. */
  public static AnalysisException notFound(TableIdentifier id) {
    return new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", "The table or view " + id.quoted()
        + " cannot be found. Verify the spelling and correctness of the schema and catalog.");
  }

  private Path staged(Path file, CatalogTable table) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, TableMetadataJson.write(table), StandardCharsets.UTF_8);
    return tmp;
  }

  private Path metadataDir(String db) {
    return warehouse.resolve(METADATA_DIR).resolve(checkedName(db, "database"));
  }

  private Path tableFile(TableIdentifier id) {
    return metadataDir(id.database()).resolve(checkedName(id.table(), "table") + TABLE_SUFFIX);
  }

  private static boolean isEmptyOrAbsent(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** A name usable as a file name: no path separators, not {@code .} or {@code ..}. */
  private static String checkedName(String name, String what) {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      throw new AnalysisException("INVALID_IDENTIFIER", "The " + what + " name '" + name + "' is invalid: it"
          + " cannot be empty, '.' or '..', or hold '/' or '\\'.");
    }
    return name;
  }

  private static EmberRuntimeException ioFailure(String what, Path path, IOException e) {
    return new EmberRuntimeException("CATALOG_IO_FAILED", "Cannot " + what + " " + path + ": " + e, e);
  }
}
