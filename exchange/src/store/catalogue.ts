/** Catalogue metadata (`catalogue_metadata`): signed documents, one row per publication, the newest current. */
import type { Queryable } from "../db/index.ts";

export type CatalogueMetadataRow = {
  hash: string;
  /** The document's canonical JSON. */
  document: string;
  signature: string;
  publisher: string;
  publishedAt: Date;
};

type Row = { hash: string; document: string; signature: string; publisher: string; published_at: Date | string };

const COLUMNS = "hash, document, signature, publisher, published_at";

const fromRow = (r: Row): CatalogueMetadataRow => ({
  hash: r.hash,
  document: r.document,
  signature: r.signature,
  publisher: r.publisher,
  publishedAt: new Date(r.published_at),
});

/** Publishes a version; the current document again adds nothing (`created` false, the current row). */
export async function insertCatalogueMetadata(
  db: Queryable,
  m: { hash: string; document: string; signature: string; publisher: string },
): Promise<{ row: CatalogueMetadataRow; created: boolean }> {
  const current = await catalogueMetadata(db);
  if (current?.hash === m.hash.toLowerCase()) return { row: current, created: false };
  const [inserted] = await db.query<Row>(
    `INSERT INTO catalogue_metadata (hash, document, signature, publisher) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [m.hash.toLowerCase(), m.document, m.signature, m.publisher.toLowerCase()],
  );
  return { row: fromRow(inserted!), created: true };
}

/** The newest version, or one by hash. */
export async function catalogueMetadata(db: Queryable, hash?: string): Promise<CatalogueMetadataRow | undefined> {
  const rows =
    hash === undefined
      ? await db.query<Row>(`SELECT ${COLUMNS} FROM catalogue_metadata ORDER BY seq DESC LIMIT 1`)
      : await db.query<Row>(`SELECT ${COLUMNS} FROM catalogue_metadata WHERE hash = $1 ORDER BY seq DESC LIMIT 1`, [
          hash.toLowerCase(),
        ]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}
