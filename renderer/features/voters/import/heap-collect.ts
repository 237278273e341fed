/**
 * A full garbage collection of the calling worker's heap, asked for the only way a page can ask
 * (issue 19, `voters.import.peak_mb`): a large ArrayBuffer made and dropped at once. V8 counts its
 * bytes as external memory, and external memory over its limit is collected at once ("external
 * memory pressure": a scavenge, then the old generation's marking finished) — where left to its
 * heuristics the import worker's heap grew to three or four times what it held, the file's rows
 * let go by the check still there while the records were made, the check's working state while
 * the list was packed, the index's while it was stored. A terminated worker's pages stay pooled in
 * the renderer (docs/ARCHITECTURE.md), so that growth was the import's peak of memory.
 *
 * The buffer is never written: its pages are reserved, not touched (no memory is used for it), and
 * it is garbage when this returns. Where it cannot be made (address space or commit refused), nothing
 * happens: the collection is a saving, never needed for the import to work.
 */
const PRESSURE_BYTES = 192 * 1048576;

export function collectHeap(): number {
  try {
    return new ArrayBuffer(PRESSURE_BYTES).byteLength;
  } catch {
    return 0;
  }
}
