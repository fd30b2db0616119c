/** An in-memory copy of an open SQLite database (previews write to it, never to the file). */
import Database from 'better-sqlite3';

/**
 * Serializes the database and opens the image in memory. A WAL file's header says "WAL" (bytes
 * 18 and 19 = 2), which an in-memory database cannot open: the copy is marked rollback-journal.
 */
export function inMemoryCopy(db: Database.Database): Database.Database {
  const image = db.serialize();
  if (image[18] === 2) image[18] = 1;
  if (image[19] === 2) image[19] = 1;
  return new Database(image);
}
