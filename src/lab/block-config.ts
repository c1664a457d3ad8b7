/** IOS-style configurations: top-level lines, and sections whose statements are indented under a head. */
import { splitNegation, type ApplyResult, type ConfigStore, type LastChange } from './config-store.js';

export interface BlockDialect {
  kind: 'blocks';
  indent: string;
  /** First words accepted at top level (after an optional `no`). */
  globalWords: string[];
  /** First words accepted inside a section. */
  sectionWords: string[];
  /** Top-level lines that open a section, and the prompt tag they give (`if` for `(config-if)#`). */
  sections: { head: RegExp; tag: string }[];
  /** Statements holding one value: a new one replaces the old (matched by these leading words). */
  singletons: string[];
  header: (host: string, last?: LastChange) => string[];
  footer: string[];
  /** Lines around a diff (`--- system:/running-config`, `Building configuration...`). */
  diffFrame: (o: { session?: string }) => { before: string[]; after: string[] };
  /**
   * First words whose one-line form is kept under a container, with how many words name it
   * (IOS-XR: `ntp server x` is `ntp` / ` server x`, `interface Gi0 shutdown` is `interface Gi0` / ` shutdown`).
   */
  nested?: { word: string; keys: number }[];
  /** `!` between a plain line and a section after it (IOS); IOS-XR puts one only after a section. */
  bangBeforeSections?: boolean;
  /** Asked when config mode is left with an uncommitted candidate (IOS-XR); answered yes, no or cancel. */
  uncommittedAsk?: string;
}

interface Block {
  head: string;
  body: string[];
}

/** `no x` removes x and anything under it; a singleton replaces its predecessor; anything else is added once. */
function edit(lines: string[], neg: boolean, rest: string, singletons: string[]): string[] {
  const named = (prefix: string) => (l: string) => l === prefix || l.startsWith(`${prefix} `);
  if (neg) return lines.filter((l) => !named(rest)(l));
  if (lines.includes(rest)) return lines;
  const single = singletons.find((s) => named(s)(rest));
  return [...(single ? lines.filter((l) => !named(single)(l)) : lines), rest];
}

export class BlockConfig implements ConfigStore {
  private constructor(
    private readonly d: BlockDialect,
    private blocks: Block[],
  ) {}

  static parse(d: BlockDialect, text: string): BlockConfig {
    const blocks: Block[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim() || /^\s*!/.test(line) || line.trim() === 'end') continue;
      if (/^\s/.test(line)) blocks.at(-1)?.body.push(line.trim());
      else blocks.push({ head: line.trimEnd(), body: [] });
    }
    return new BlockConfig(d, blocks);
  }

  clone(): BlockConfig {
    return new BlockConfig(
      this.d,
      this.blocks.map((b) => ({ head: b.head, body: [...b.body] })),
    );
  }

  private opens(head: string) {
    return this.d.sections.find((s) => s.head.test(head));
  }

  apply(line: string, section: string | undefined): ApplyResult {
    const { neg, rest, word, offset } = splitNegation(line);
    const block = section === undefined ? undefined : this.blocks.find((b) => b.head === section);
    if (block && this.d.sectionWords.includes(word)) {
      block.body = edit(block.body, neg, rest, this.d.singletons);
      return { ok: true, section: block.head, tag: this.opens(block.head)?.tag };
    }
    if (!this.d.globalWords.includes(word)) return { ok: false, word: offset };
    const nested = this.nestedParts(rest);
    if (nested) return this.applyNested(neg, nested.head, nested.inner);
    const opens = this.opens(rest);
    if (opens) {
      if (neg) this.blocks = this.blocks.filter((b) => b.head !== rest);
      else if (!this.blocks.some((b) => b.head === rest)) this.blocks.push({ head: rest, body: [] });
      return neg ? { ok: true } : { ok: true, section: rest, tag: opens.tag };
    }
    const tops = this.blocks.filter((b) => !this.opens(b.head)).map((b) => b.head);
    const after = edit(tops, neg, rest, this.d.singletons);
    this.blocks = this.blocks.filter((b) => this.opens(b.head) || after.includes(b.head));
    for (const head of after) if (!tops.includes(head)) this.blocks.push({ head, body: [] });
    return { ok: true };
  }

  /** `ntp server x` as container `ntp` and statement `server x`, where the dialect nests that word. */
  private nestedParts(rest: string): { head: string; inner: string } | undefined {
    const words = rest.split(/\s+/);
    const n = this.d.nested?.find((x) => x.word === words[0]);
    if (!n || words.length <= n.keys + 1) return undefined;
    return { head: words.slice(0, n.keys + 1).join(' '), inner: words.slice(n.keys + 1).join(' ') };
  }

  /** A one-line statement typed at top level: it lands in its container, which is made when missing. */
  private applyNested(neg: boolean, head: string, inner: string): ApplyResult {
    let block = this.blocks.find((b) => b.head === head);
    if (!block) {
      if (neg) return { ok: true };
      block = { head, body: [] };
      this.blocks.push(block);
    }
    block.body = edit(block.body, neg, inner, this.d.singletons);
    return { ok: true };
  }

  render(host: string, last?: LastChange): string {
    const out = [...this.d.header(host, last), ...this.renderBlocks(this.blocks)];
    return [...out, ...this.d.footer].join('\n');
  }

  private renderBlocks(blocks: Block[]): string[] {
    const out: string[] = [];
    const before = this.d.bangBeforeSections ?? true;
    for (const [i, b] of blocks.entries()) {
      out.push(b.head, ...b.body.map((l) => this.d.indent + l));
      const next = blocks[i + 1];
      if (b.body.length || this.opens(b.head) || (before && next && this.opens(next.head))) out.push('!');
    }
    return out;
  }

  /** One full line per statement (IOS-XR `show running-config formal`). */
  flat(): string[] {
    return this.blocks.flatMap((b) => (b.body.length ? b.body.map((l) => `${b.head} ${l}`) : [b.head]));
  }

  renderFlat(host: string, last?: LastChange): string {
    return [...this.d.header(host, last), ...this.flat(), ...this.d.footer].join('\n');
  }

  /** The blocks a `show running-config <words>` names (`ntp`, `interface`, `interface Gi0/0/0/0`); undefined when none. */
  section(words: string[]): string | undefined {
    const prefix = words.join(' ');
    const named = this.blocks.filter((b) => b.head === prefix || b.head.startsWith(`${prefix} `));
    return named.length ? this.renderBlocks(named).join('\n') : undefined;
  }

  diff(base: ConfigStore, o: { session?: string }): string {
    const before = new Map((base as BlockConfig).blocks.map((b) => [b.head, b]));
    const after = new Set(this.blocks.map((b) => b.head));
    const lines: string[] = [];
    const all = (sign: string, b: Block) => [`${sign}${b.head}`, ...b.body.map((l) => `${sign}${this.d.indent}${l}`)];
    for (const b of before.values()) if (!after.has(b.head)) lines.push(...all('-', b));
    for (const b of this.blocks) {
      const old = before.get(b.head);
      if (!old) {
        lines.push(...all('+', b));
        continue;
      }
      const removed = old.body.filter((l) => !b.body.includes(l));
      const added = b.body.filter((l) => !old.body.includes(l));
      if (!removed.length && !added.length) continue;
      lines.push(` ${b.head}`, ...removed.map((l) => `-${this.d.indent}${l}`), ...added.map((l) => `+${this.d.indent}${l}`));
    }
    if (!lines.length) return '';
    const frame = this.d.diffFrame(o);
    return [...frame.before, ...lines, ...frame.after].join('\n');
  }

  /** Heads, and each statement under its head; a nesting dialect lists its one-line (formal) form. */
  statements(): string[] {
    if (this.d.nested) return this.flat();
    return this.blocks.flatMap((b) => [b.head, ...b.body.map((l) => `${b.head} / ${l}`)]);
  }
}
