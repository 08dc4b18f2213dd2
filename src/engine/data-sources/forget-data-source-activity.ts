import type { Queryable } from "../store/database.js";

/**
 * Deletes what a stored data source's running left in the store: its resync history (and the keys its
 * resyncs saw), its webhook inbox, how far its webhooks were checked for missed deliveries, and its
 * incremental sync cursors. Called when it is deleted, so that one created later under the same name
 * starts afresh: it would otherwise show the old history as its own and its workers would apply the
 * old one's unfinished deliveries, perhaps of another organization, to the catalog.
 */
export async function forgetDataSourceActivity(tx: Queryable, dataSource: string): Promise<void> {
  await tx.query(
    "DELETE FROM resync_seen WHERE resync_id IN (SELECT id FROM resyncs WHERE data_source = $1)",
    [dataSource],
  );
  await tx.query("DELETE FROM resyncs WHERE data_source = $1", [dataSource]);
  await tx.query("DELETE FROM webhook_inbox WHERE data_source = $1", [dataSource]);
  await tx.query("DELETE FROM webhook_delivery_marks WHERE data_source = $1", [dataSource]);
  await tx.query("DELETE FROM sync_cursors WHERE data_source = $1", [dataSource]);
}
