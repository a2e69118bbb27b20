// ids/: the typed id tables every stage shares: `StringIds` (ids interned to numbers), `DenseIds`
// (the open-addressing buyer table, one cache miss a lookup) and `repeatedIds` (duplicates found
// from the hashes taken while reading). Internal: nothing here is exported by the package.
export { StringIds, hash, doubled } from "./stringIds.js";
export { DenseIds } from "./denseIds.js";
export { repeatedIds } from "./repeatedIds.js";
