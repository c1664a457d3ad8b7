import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandModule } from './command.js';
import { UserError } from './errors.js';
import { suggest } from './suggest.js';

/** Every command module in commands/, by name. */
export class Registry {
  private readonly byName = new Map<string, CommandModule>();

  constructor(modules: CommandModule[]) {
    for (const m of modules) {
      if (this.byName.has(m.name)) throw new Error(`command ${m.name} is defined twice`);
      this.byName.set(m.name, m);
    }
  }

  static async load(dir: string): Promise<Registry> {
    const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const modules: CommandModule[] = [];
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: CommandModule };
      if (!mod.default) throw new Error(`commands/${f} has no default export`);
      modules.push(mod.default);
    }
    return new Registry(modules);
  }

  all(): CommandModule[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): CommandModule {
    const m = this.byName.get(name);
    if (m) return m;
    const near = suggest(name, [...this.byName.keys()]);
    throw new UserError('unknown_command', `unknown command "${name}"`, near ? `did you mean /net ${near}?` : 'see /net help');
  }
}
