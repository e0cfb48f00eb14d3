/**
 * One server process of a small cluster (test/group-channel-cluster.test.ts, scripts/bench/realtime.ts):
 * the app on a loopback port, with the Postgres adapter so processes share Socket.IO rooms.
 * Env: DATABASE_URL (required), PORT (default 0), ADAPTER=off for a lone process. Prints {"port": n} on stdout when listening.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDb } from "../../db/index";
import { createApp } from "../../server/app";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const db = createDb({ databaseUrl: url, max: 5 });
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const { server, io, cluster } = createApp({ db, build, clusterUrl: process.env.ADAPTER === "off" ? undefined : url });
const adapter = (await cluster) ?? { close: async () => {} };
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
const address = server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);

const stop = async () => {
  io.disconnectSockets(true);
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await adapter.close().catch(() => {});
  await db.destroy();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
