/**
 * A worker's connection to a database of this window (the import and scenario workers: a worker has
 * no Dexie of the window). A database that does not exist is not created here: the window opened it,
 * its schema is there.
 */
export function openExisting(database: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${database}`));
  });
}
