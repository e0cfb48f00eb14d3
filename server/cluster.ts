import type { Server } from "socket.io";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { logError } from "../app/models/core/log.server";
import { RESYNC_EVENT } from "../app/lib/socket";

export interface Cluster {
  /** True while this node listens for the other nodes' messages (the LISTEN connection is up). */
  delivering(): boolean;
  /** The adapter's pg pool: connections open, idle, and callers waiting for one (server/metrics.ts). */
  pool(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

/**
 * Several server processes share Socket.IO rooms through Postgres LISTEN/NOTIFY
 * (@socket.io/postgres-adapter). Packets over 8,000 bytes go through the attachments table,
 * created here if missing.
 *
 * Two gaps of the adapter (0.5) are closed here:
 * - It holds one pool client for LISTEN and, when a database restart ends that client, takes a new
 *   one without ever releasing the dead one: each restart leaked a pool slot, and after the pool's
 *   size in restarts no message crossed nodes again. A checked-out client that ends is released
 *   here, with an error, so the pool drops it.
 * - Messages published while the LISTEN connection was down are never delivered. When it is back,
 *   this node's sockets are told to resync: the channel pages ask for everything after their last
 *   id, the bell re-reads the unread count (all stored first, so nothing is lost, only late).
 */
export async function attachPostgresAdapter(io: Server, databaseUrl: string): Promise<Cluster> {
  // Named, so an operator (and the cluster test) can tell these connections from the app's.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5000, application_name: "yaosu-socket-adapter" });
  const checkedOut = new Set<pg.PoolClient>();
  pool.on("error", (e) => logError("postgres adapter pool (idle client)", e));
  pool.on("acquire", (client) => checkedOut.add(client));
  pool.on("release", (_err, client) => checkedOut.delete(client as pg.PoolClient));
  pool.on("remove", (client) => checkedOut.delete(client as pg.PoolClient));
  pool.on("connect", (client) => {
    // pg-pool drops its error listener on checkout: without one of our own, a Postgres restart
    // ("terminating connection due to administrator command") is an unhandled 'error' event that
    // kills the process.
    client.on("error", (e) => logError("postgres adapter client", e));
    client.on("end", () => {
      const held = client as pg.PoolClient;
      if (!checkedOut.has(held)) return;
      checkedOut.delete(held);
      try {
        held.release(new Error("connection ended while checked out"));
      } catch {
        // Released by its user in the meantime: nothing is held any more.
      }
    });
  });
  // Processes starting together race on "create table if not exists"; a transaction-scoped
  // advisory lock makes the second one wait and then find the table.
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext('socket_io_attachments'))");
    await client.query(`create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`);
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  io.adapter(createAdapter(pool, { heartbeatInterval: 2000, heartbeatTimeout: 6000, errorHandler: (e) => logError("postgres adapter", e) }));

  // The adapter keeps its LISTEN client in a private field; reading it is the only way to know
  // whether this node hears the others. Should a new version move it, `delivering` reads false and
  // /readyz says so (test/group-channel-cluster.test.ts would fail), rather than lying.
  const listening = () => Boolean((io.of("/").adapter as unknown as { client?: { client?: unknown } }).client?.client);
  let wasListening = listening();
  const watch = setInterval(() => {
    const now = listening();
    if (now && !wasListening) io.local.emit(RESYNC_EVENT);
    wasListening = now;
  }, 250);
  watch.unref();

  return {
    delivering: listening,
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: 4 }),
    close: async () => {
      clearInterval(watch);
      await pool.end();
    },
  };
}
