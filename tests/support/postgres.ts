/**
 * PostgreSQL for tests: a schema of its own per test file (dropped at the end), and a TCP proxy
 * that can cut every connection, to lose the database without stopping the shared server.
 *
 * Usage, at the top of a test file:
 *   const db = await testDatabase('pg-audit');          // undefined: no server (skip)
 *   after(() => db?.drop());
 *   test('...', { skip: db ? false : NO_DATABASE }, async () => { ... db!.url, db!.schema ... });
 */
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/** The server tests use; another with NETOPS_TEST_DATABASE_URL=postgres://user@host:port/db. */
export const TEST_DATABASE_URL = process.env['NETOPS_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The skip reason of tests that need PostgreSQL when none is reachable. */
export const NO_DATABASE = 'no PostgreSQL (set NETOPS_TEST_DATABASE_URL=postgres://user@host:port/db)';

export interface TestDatabase {
  /** The server's URL (the schema is not part of it: pass `schema` to the stores). */
  url: string;
  /** A fresh, empty schema, `netops_t_<name>_<random>`. */
  schema: string;
  /** A small pool with `search_path` on the schema, for a test's own checks. */
  pool: pg.Pool;
  /** Drops the schema (and everything in it) and closes the pool. */
  drop(): Promise<void>;
}

let told = false;

/**
 * Creates this test file's schema. Without a reachable server: prints once how to provide one
 * and resolves undefined (the file skips); with CI=true it rejects instead, so CI never passes
 * by skipping.
 */
export async function testDatabase(name: string): Promise<TestDatabase | undefined> {
  const url = TEST_DATABASE_URL;
  const schema = `netops_t_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (err) {
    await admin.end().catch(() => undefined);
    if (process.env['CI'] === 'true') throw new Error(`PostgreSQL at ${url} is required in CI: ${(err as Error).message}`);
    if (!told) console.log(`# skipping PostgreSQL tests: ${(err as Error).message}. ${NO_DATABASE}`);
    told = true;
    return undefined;
  }
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined); // a test that cuts connections must not crash the runner
  return {
    url,
    schema,
    pool,
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface DatabaseProxy {
  /** The database URL through the proxy. */
  url: string;
  /** Connections currently open through the proxy. */
  readonly open: number;
  /** Connections the proxy has accepted since it started (stalled and refused ones included). */
  readonly accepted: number;
  /** Destroys every connection through the proxy; with `refuse`, new ones are refused until `restore()`. */
  cut(o?: { refuse?: boolean }): void;
  /**
   * A hung server: every connection stays open and nothing reaches either side, new ones
   * included, until `restore()`; the connections hung until then stay hung (their protocol
   * state is lost), so only a client that gives up on them recovers.
   */
  stall(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A node:net proxy in front of the database: cutting it is losing the database, for the processes behind it only. */
export async function databaseProxy(url = TEST_DATABASE_URL): Promise<DatabaseProxy> {
  const target = new URL(url);
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  const links = new Set<{ client: Socket; upstream: Socket }>();
  let refusing = false;
  let stalling = false;
  let accepted = 0;
  // Swallows whatever a socket sends from now on.
  const blackHole = (s: Socket) => {
    s.unpipe();
    s.on('data', () => undefined);
  };
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server: Server = createServer((client) => {
    accepted += 1;
    track(client);
    if (refusing) return client.destroy();
    if (stalling) return blackHole(client);
    const upstream = connect({ host, port });
    track(upstream);
    const link = { client, upstream };
    links.add(link);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      links.delete(link);
      client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    get open() {
      // Each proxied connection is two sockets.
      return Math.floor(sockets.size / 2);
    },
    get accepted() {
      return accepted;
    },
    cut: (o = {}) => {
      refusing = o.refuse === true;
      for (const s of sockets) s.destroy();
    },
    stall: () => {
      stalling = true;
      for (const { client, upstream } of links) {
        blackHole(client);
        blackHole(upstream);
      }
      links.clear();
    },
    restore: () => {
      refusing = false;
      stalling = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
