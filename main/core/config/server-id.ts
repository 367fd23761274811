/** Server ids are slugs of the name: readable in the secret store and on the CLI (`--server prod`). */

const MAX_ID_LENGTH = 63;

/** "Prod EU (main)" -> "prod-eu-main"; a name with no usable character becomes "server". */
export function slugifyServerName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop accents: "Zürich" -> "zurich"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
  return slug || 'server';
}

/** The slug of `name`, suffixed -2, -3, ... until it is not in `taken`. */
export function uniqueServerId(name: string, taken: ReadonlySet<string>): string {
  const base = slugifyServerName(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
