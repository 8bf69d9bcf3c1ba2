/**
 * The conflict search's relations as one file of the persisted index (`relations.idx`), so that a
 * warm start takes each block's outcomes instead of comparing its facts again (see
 * Corpus.offerStoredConflicts). Facts are referred to by source and position; each source is listed
 * with the id of the derivation its facts came from, which is how a later session tells whether the
 * facts are still those the relations were found between.
 *
 * ```
 * "SRCDREL\n"          8 bytes of magic, then a CRC-32 of every byte after it
 * header               varint length + UTF-8 JSON: format, analyzer, version
 * string table         as in a shard
 * sources              varint count, then per source: uri (string), derivation id (varint)
 * blocks               varint count, then per block: entity, dimension (strings), members (varint
 *                      count, then source position and fact position), then conflicts (pairs of
 *                      member positions and 0 amount / 1 date), weak and identified pairs
 * ```
 */
import type { StoredBlock } from '../conflicts';
import type { StoredConflicts } from '../corpus';
import { readTable, Reader, StringTable, Writer, writeTable } from './codec';
import { fileBytes, openFile, type FileHeader } from './shards';

const MAGIC = 'SRCDREL\n';

/** The file's name in the index directory. */
export const RELATIONS_FILE = 'relations.idx';
/** A temporary file of it being written (or left behind by a write that never finished). */
export const TEMP_RELATIONS_FILE = /^relations\.idx\..*\.tmp$/;

/** The bytes of the relations file. */
export function encodeRelations(header: FileHeader, stored: StoredConflicts, crc32: (bytes: Uint8Array) => number): Uint8Array {
  const table = new StringTable();
  const body = new Writer(table);
  const sources = [...stored.sources];
  const position = new Map(sources.map(([uri], i) => [uri, i]));
  body.uint(sources.length);
  for (const [uri, id] of sources) {
    body.str(uri);
    body.uint(id);
  }
  body.uint(stored.blocks.length);
  const pairs = (list: ReadonlyArray<readonly [number, number, ...unknown[]]>): void => {
    body.uint(list.length);
    for (const [a, b] of list) {
      body.uint(a);
      body.uint(b);
    }
  };
  for (const block of stored.blocks) {
    body.str(block.entity);
    body.str(block.dimension);
    body.uint(block.members.length);
    for (const m of block.members) {
      const at = position.get(m.uri);
      if (at === undefined) throw new Error(`a block refers to ${m.uri}, which the relations do not list`);
      body.uint(at);
      body.uint(m.index);
    }
    body.uint(block.conflicts.length);
    for (const [a, b, on] of block.conflicts) {
      body.uint(a);
      body.uint(b);
      body.uint(on === 'amount' ? 0 : 1);
    }
    pairs(block.weak);
    pairs(block.identified);
  }
  const head = new Writer(new StringTable());
  head.utf8(JSON.stringify({ format: header.format, analyzer: header.analyzer, version: header.version }));
  writeTable(head, table.strings);
  return fileBytes(MAGIC, [head.bytes(), body.bytes()], crc32);
}

/** Reads the relations file; throws, with the reason, unless it is whole and written as `expected` says. */
export function decodeRelations(bytes: Uint8Array, expected: FileHeader, crc32: (bytes: Uint8Array) => number): StoredConflicts {
  const { header, view } = openFile(bytes, MAGIC, 'a relations file', expected, crc32);
  const table = readTable(header);
  const r = new Reader({ bytes, view, table }, header.pos, bytes.length);
  const uris = new Array<string>(r.uint());
  const sources = new Map<string, number>();
  for (let i = 0; i < uris.length; i++) {
    uris[i] = r.str();
    sources.set(uris[i]!, r.uint());
  }
  const blocks = new Array<StoredBlock>(r.uint());
  for (let i = 0; i < blocks.length; i++) {
    const entity = r.str();
    const dimension = r.str();
    const members = new Array<{ uri: string; index: number }>(r.uint());
    for (let k = 0; k < members.length; k++) {
      const uri = uris[r.uint()];
      if (uri === undefined) throw new Error('a block refers to a source out of range');
      members[k] = { uri, index: r.uint() };
    }
    // Every outcome names two of the block's members.
    const member = (): number => {
      const at = r.uint();
      if (at >= members.length) throw new Error(`a block refers to member ${at} of ${members.length}`);
      return at;
    };
    const pairs = (): Array<[number, number]> => {
      const out = new Array<[number, number]>(r.uint());
      for (let k = 0; k < out.length; k++) out[k] = [member(), member()];
      return out;
    };
    const conflicts = new Array<[number, number, 'amount' | 'date']>(r.uint());
    for (let k = 0; k < conflicts.length; k++) conflicts[k] = [member(), member(), r.uint() === 0 ? 'amount' : 'date'];
    blocks[i] = { entity, dimension, members, conflicts, weak: pairs(), identified: pairs() };
  }
  r.done();
  return { sources, blocks };
}
