/** Records the domain events an aggregate raised until the application layer takes them. */
export abstract class AggregateRoot<E> {
  private pending: E[] = [];

  protected raise(event: E): void {
    this.pending.push(event);
  }

  pullEvents(): E[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}
