/**
 * Everything a test starts (servers, resolver, firewall rules, browsers) is registered here and torn down in
 * reverse order by dispose(), which the suites call in afterEach/afterAll: it runs when a test fails too, and one
 * failing teardown does not keep the others from running.
 *
 *   const lab = new Lab();
 *   const ng = lab.add(await startNginx([...]));
 *   afterEach(() => lab.dispose());
 */
export interface Disposable {
  dispose(): unknown;
}

export class Lab {
  private items: Disposable[] = [];

  add<T extends Disposable>(item: T): T {
    this.items.push(item);
    return item;
  }

  /** Registers a plain teardown function. */
  defer(fn: () => unknown): void {
    this.items.push({ dispose: fn });
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try {
        await item.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new AggregateError(errors, `teardown failed: ${errors.map(String).join('; ')}`);
  }
}
