/** Junos configurations: kept as set statements, shown as the brace hierarchy and `[edit ...]` diffs Junos prints. */
import type { ApplyResult, ConfigStore, LastChange } from './config-store.js';

export interface SetDialect {
  kind: 'set';
  /** Accepted first words after `set` / `delete`. */
  topLevel: string[];
  /** Statements holding one value (`host-name x`): a new one replaces the old. */
  singletons: string[];
  /** Keywords that take a name and form one level together (`unit 0`, `user netops`). */
  pairs: string[];
  /** Statements that are one word with no value (`disable`): a leaf of their own, under the level before them. */
  flags?: string[];
  header: (host: string, last?: LastChange) => string[];
}

const tokenize = (s: string): string[] => s.match(/"[^"]*"|\S+/g) ?? [];

interface Node {
  children: Map<string, Node>;
  leaves: string[];
}

/** A level in braces, four spaces a level, statements before the levels under them. */
function braces(n: Node, depth: number): string[] {
  const pad = '    '.repeat(depth);
  return [
    ...n.leaves.map((l) => `${pad}${l};`),
    ...[...n.children].flatMap(([name, child]) => [`${pad}${name} {`, ...braces(child, depth + 1), `${pad}}`]),
  ];
}

export class SetConfig implements ConfigStore {
  private constructor(
    private readonly d: SetDialect,
    private lines: string[],
  ) {}

  static parse(d: SetDialect, text: string): SetConfig {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('set '))
      .map((l) => l.slice(4));
    return new SetConfig(d, lines);
  }

  clone(): SetConfig {
    return new SetConfig(this.d, [...this.lines]);
  }

  apply(line: string): ApplyResult {
    const [verb, ...words] = tokenize(line);
    if (!words[0] || !this.d.topLevel.includes(words[0])) return { ok: false, word: 1 };
    const stmt = words.join(' ');
    const named = (p: string) => (l: string) => l === p || l.startsWith(`${p} `);
    if (verb === 'delete') {
      const kept = this.lines.filter((l) => !named(stmt)(l));
      const note = kept.length === this.lines.length ? 'warning: statement not found' : undefined;
      this.lines = kept;
      return { ok: true, note };
    }
    if (words.length < 2) return { ok: false, word: 2 };
    if (this.lines.includes(stmt)) return { ok: true };
    if (this.d.singletons.includes(words.at(-2) ?? '')) this.lines = this.lines.filter((l) => !named(words.slice(0, -1).join(' '))(l));
    this.lines.push(stmt);
    return { ok: true };
  }

  /** Levels and the statement at the end: `system ntp server 192.0.2.1` is `[system, ntp]` + `server 192.0.2.1`. */
  private split(stmt: string): { path: string[]; leaf: string } {
    const t = tokenize(stmt);
    const leafWords = t.length >= 3 && !this.d.flags?.includes(t.at(-1)!) ? 2 : 1;
    const head = t.slice(0, t.length - leafWords);
    const path: string[] = [];
    for (let i = 0; i < head.length; i++) {
      if (this.d.pairs.includes(head[i]!) && i + 1 < head.length) path.push(`${head[i]} ${head[++i]}`);
      else path.push(head[i]!);
    }
    return { path, leaf: t.slice(t.length - leafWords).join(' ') };
  }

  /** The statements as the hierarchy Junos keeps them in: levels, and the statements at each. */
  private tree(): Node {
    const root: Node = { children: new Map(), leaves: [] };
    for (const stmt of this.lines) {
      const { path, leaf } = this.split(stmt);
      let node = root;
      for (const p of path) {
        if (!node.children.has(p)) node.children.set(p, { children: new Map(), leaves: [] });
        node = node.children.get(p)!;
      }
      node.leaves.push(leaf);
    }
    return root;
  }

  render(host: string, last?: LastChange): string {
    return [...this.d.header(host, last), ...braces(this.tree(), 0)].join('\n');
  }

  /** `set` commands in the order the hierarchy shows them (`show configuration | display set`). */
  flat(): string[] {
    const version = this.d.header('').find((l) => /^version \S+;$/.test(l));
    const out = version ? [`set ${version.replace(/;$/, '')}`] : [];
    const walk = (n: Node, path: string[]) => {
      for (const l of n.leaves) out.push(['set', ...path, l].join(' '));
      for (const [name, child] of n.children) walk(child, [...path, name]);
    };
    walk(this.tree(), []);
    return out;
  }

  renderFlat(): string {
    return this.flat().join('\n');
  }

  /**
   * One level of the hierarchy, shown from inside it (`show configuration system ntp` prints
   * `server 192.0.2.1;`); a statement's own keyword shows that statement. '' when nothing is there.
   */
  section(words: string[]): string | undefined {
    let node = this.tree();
    for (let i = 0; i < words.length; i++) {
      const one = node.children.get(words[i]!);
      const two = node.children.get(`${words[i]} ${words[i + 1]}`);
      if (two) i++;
      const next = two ?? one;
      if (next) {
        node = next;
        continue;
      }
      const rest = words.slice(i).join(' ');
      return node.leaves
        .filter((l) => l === rest || l.startsWith(`${rest} `))
        .map((l) => `${l};`)
        .join('\n');
    }
    return braces(node, 0).join('\n');
  }

  diff(base: ConfigStore): string {
    const old = (base as SetConfig).lines;
    const byPath = new Map<string, string[]>();
    const note = (sign: string, stmt: string) => {
      const { path, leaf } = this.split(stmt);
      const key = `[edit ${path.join(' ')}]`;
      byPath.set(key, [...(byPath.get(key) ?? []), `${sign}    ${leaf};`]);
    };
    for (const l of old) if (!this.lines.includes(l)) note('-', l);
    for (const l of this.lines) if (!old.includes(l)) note('+', l);
    return [...byPath].flatMap(([k, v]) => [k, ...v]).join('\n');
  }

  rebase(base: ConfigStore, onto: ConfigStore): SetConfig {
    const was = (base as SetConfig).lines;
    const removed = new Set(was.filter((l) => !this.lines.includes(l)));
    const kept = (onto as SetConfig).lines.filter((l) => !removed.has(l));
    return new SetConfig(this.d, [...kept, ...this.lines.filter((l) => !was.includes(l) && !kept.includes(l))]);
  }

  statements(): string[] {
    return [...this.lines];
  }
}
