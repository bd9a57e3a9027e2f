// Entry point of the admin command line: `npm run ticaga -- <command> [options]`.
import { runCli } from './cli/run.js';

runCli(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
