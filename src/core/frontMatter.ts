/**
 * YAML front matter at the top of a source or note. Only flat `key: value`
 * pairs and simple lists are read: the fields Sourced uses are scalars, and a
 * full YAML engine would be a large dependency for six fields. Nothing in the
 * block is ever evaluated.
 */

/** Front matter fields, as strings (lists are joined with ", "). */
export interface FrontMatter {
  readonly fields: Readonly<Record<string, string>>;
  /** The items of the fields written as lists (`- item` lines or `[a, b]`), one by one: an item may hold ", ". */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  /** Offset just past the closing `---` line; 0 when there is no front matter. */
  readonly end: number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;

/** Reads front matter if the text starts with a `---` fence that is closed later. */
export function parseFrontMatter(text: string): FrontMatter {
  const open = OPEN.exec(text);
  if (!open) return { fields: {}, lists: {}, end: 0 };
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return { fields: {}, lists: {}, end: 0 };
  const body = rest.slice(0, m.index);
  let end = open[0].length + m.index + m[0].length;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  let listKey: string | undefined;
  const list: string[] = [];
  const flush = (): void => {
    if (listKey && list.length) {
      fields[listKey] = list.join(', ');
      lists[listKey] = [...list];
    }
    listKey = undefined;
    list.length = 0;
  };
  for (const rawLine of body.split(/\r?\n|\r/)) {
    const item = /^\s+-\s+(.*)$|^-\s+(.*)$/.exec(rawLine);
    if (item && listKey) {
      list.push(unquote((item[1] ?? item[2] ?? '').trim()));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(rawLine);
    if (!kv) continue;
    flush();
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!.trim();
    if (value === '') {
      listKey = key;
      continue;
    }
    const inline = /^\[(.*)\]$/.exec(value);
    if (inline) {
      const items = inline[1]!.split(',').map((v) => unquote(v.trim())).filter(Boolean);
      fields[key] = items.join(', ');
      lists[key] = items;
    } else {
      fields[key] = unquote(value.replace(/\s+#.*$/, ''));
      delete lists[key];
    }
  }
  flush();
  return { fields, lists, end };
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1).replace(/\\"/g, '"').replace(/''/g, "'");
  }
  return v;
}

/**
 * Front matter for fields that have a value, each quoted so that YAML reads it back whatever it
 * holds (on one line): `---\ntitle: "…"\n---\n`, or nothing when no field has a value.
 */
export function frontMatterText(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const lines = fields.filter((f): f is readonly [string, string] => !!f[1]).map(([name, value]) => `${name}: ${JSON.stringify(value.replace(/\s+/g, ' ').trim())}`);
  return lines.length ? `---\n${lines.join('\n')}\n---\n` : '';
}
