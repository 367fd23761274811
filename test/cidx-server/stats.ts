/** Request counts per `METHOD /route/template`, for benchmarks that measure polling cost. */
export interface RequestStats {
  total: number;
  byRoute: Record<string, number>;
  since: string;
}

export class RequestCounter {
  private counts = new Map<string, number>();
  private total = 0;
  private since = new Date().toISOString();

  record(method: string, template: string | undefined): void {
    const key = `${method} ${template ?? '<unmatched>'}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): RequestStats {
    return { total: this.total, byRoute: Object.fromEntries([...this.counts].sort()), since: this.since };
  }

  reset(): void {
    this.counts = new Map();
    this.total = 0;
    this.since = new Date().toISOString();
  }
}
