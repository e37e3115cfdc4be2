/**
 * A Map that forgets its oldest entries beyond `max`: the in-process caches in front of the
 * database (recent messages, conversation states) must not grow with the number of customers.
 * Insertion order is the age; reading does not refresh it, which is enough for caches whose
 * entries are written once or replaced.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
