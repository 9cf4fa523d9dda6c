#!/usr/bin/env node
/** Command line: `node sim/cli.mjs [--port 8080] [--host 127.0.0.1] [--allow-host NAME] [--data FILE] [--faults] [--seed N] [--quiet]`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startupBanner } from './banner.mjs';
import { isHostName } from './hosts.mjs';
import { createSimulator } from './simulator.mjs';

const USAGE = `Usage: node sim/cli.mjs [options]
  --port N      port to listen on (default 8080; 0 picks a free one)
  --host HOST   address to listen on (default 127.0.0.1; any other address is reachable from the network)
  --allow-host NAME
                also answer to this Host name (repeatable); by default only to localhost, 127.0.0.1,
                [::1], the --host address, and on 0.0.0.0 or :: this machine's addresses and name
  --data FILE   load workspaces from FILE and save every change to it atomically
  --faults      enable the admin endpoint /__admin (fault injection, request log, reset)
  --seed N      create N sample workspaces in the demo organization if it has none
  --quiet       do not log one line per request
  --help        show this help`;

/** Parses argv into simulator settings, or exits with the usage on an error. */
function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' },
        'allow-host': { type: 'string', multiple: true, default: [] }, data: { type: 'string' },
        faults: { type: 'boolean', default: false }, seed: { type: 'string', default: '0' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    fail(err.message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  const seed = Number(values.seed);
  if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be an integer from 0 to 65535: ${values.port}`);
  if (!/^\d+$/.test(values.seed) || seed > 100_000) fail(`--seed must be an integer from 0 to 100000: ${values.seed}`);
  for (const name of values['allow-host']) {
    if (!isHostName(name)) fail(`--allow-host must be a host name or address without a port: ${name}`);
  }
  return { ...values, port, seed, data: values.data && path.resolve(values.data) };
}

/** Prints an error and the usage, then exits with status 2. */
function fail(message) {
  console.error(`sim: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Starts the simulator, prints how to reach it, and stops cleanly on SIGINT or SIGTERM. */
async function main() {
  const opts = parseCli(process.argv.slice(2));
  let sim;
  try {
    sim = createSimulator({
      dataFile: opts.data, faults: opts.faults, seed: opts.seed, allowedHosts: opts['allow-host'],
      log: opts.quiet ? undefined : (line) => console.log(line),
    });
  } catch (err) {
    console.error(`sim: ${err.message}`);
    process.exit(1);
  }
  const { url, apiBaseUrls, port } = await sim.listen(opts.port, opts.host).catch((err) => {
    console.error(`sim: cannot listen on ${opts.host}:${opts.port}: ${err.message}`);
    process.exit(1);
  });
  console.log(startupBanner({
    url, apiBaseUrls, port, host: opts.host, demo: sim.demo, dataFile: opts.data, faults: opts.faults,
  }));

  let stopping = false;
  const stop = (signal) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`sim: ${signal} received, shutting down`);
    sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
