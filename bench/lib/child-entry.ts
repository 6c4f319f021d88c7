/** The child side of `runInChild`: one call, its answer over IPC, then exit. */
process.once('message', (message: { arg: unknown }) => {
  void (async () => {
    const [modulePath, exportName] = process.argv.slice(2) as [string, string];
    try {
      const module = (await import(modulePath)) as Record<string, (arg: unknown) => unknown>;
      const fn = module[exportName];
      if (typeof fn !== 'function') throw new Error(`${modulePath} has no export ${exportName}`);
      const value = await fn(message.arg);
      process.send?.({ ok: true, value }, () => process.exit(0));
    } catch (error) {
      const text =
        error instanceof Error
          ? `${error.stack ?? error.message}${error.cause ? `\ncause: ${String((error.cause as Error).stack ?? error.cause)}` : ''}`
          : String(error);
      process.send?.({ ok: false, error: text }, () => process.exit(1));
    }
  })();
});
