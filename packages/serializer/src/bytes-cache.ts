/**
 * A one-entry cache of the Uint8Array over a DataView's bytes. Codecs take a DataView (for the
 * scalar reads and writes) but need byte access for strings and arrays; making a new
 * Uint8Array per call would allocate on the hot path, and a message path uses the same ring or
 * slab view over and over. Each codec keeps one cache per direction.
 */
export class BytesCache {
  private view: DataView | undefined = undefined;
  private bytes: Uint8Array = new Uint8Array(0);

  of(view: DataView): Uint8Array {
    if (view !== this.view) {
      this.bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      this.view = view;
    }
    return this.bytes;
  }
}
