import { ConfigError } from './config';

/**
 * Runs a process entry point: start, then on SIGTERM/SIGINT stop cleanly (a second signal or a
 * 30 s grace ends it at once). A bad configuration prints which variable is wrong and exits 1.
 */
export function runMain(name: string, start: () => Promise<() => Promise<void>>): void {
  start().then(
    (stop) => {
      let stopping = false;
      const onSignal = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        process.stderr.write(`${name}: ${signal} received, shutting down\n`);
        setTimeout(() => process.exit(1), 30_000).unref();
        stop().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`${name}: error while stopping: ${String(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      process.on('SIGINT', () => onSignal('SIGINT'));
    },
    (err: unknown) => {
      if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
      else
        process.stderr.write(
          `${name} could not start: ${err instanceof Error ? err.stack : String(err)}\n`,
        );
      process.exit(1);
    },
  );
}
