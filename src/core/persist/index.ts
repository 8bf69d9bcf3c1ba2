/**
 * The persisted index of per-source analyses, as the rest of Sourced sees it. The folder is split
 * by concern: `store` (the IndexStore: entries, stamps, loading and flushing), `shards` (which
 * shard holds a URI and the layout of a shard file), `analysis` (one analysis as bytes and back)
 * and `codec` (varints, the string table, UTF-8). None of it touches a runtime: file I/O,
 * hashes and the analyser's identity come through `IndexStoreIO` (Node's is in src/node).
 */
export { DEFAULT_SHARD_COUNT, decodeAnalysisMessage, encodeAnalysisMessage, INDEX_FORMAT_VERSION, shardOf } from './shards';
export { IndexStore, type FlushReport, type IndexHit, type IndexStoreIO, type IndexStoreOptions, type IndexStoreStats, type SourceStamp } from './store';
