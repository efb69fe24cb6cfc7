import type { CommandIo } from './cli.js';

/** Placeholder until the command is written. */
export async function main(_argv: readonly string[], io: CommandIo): Promise<number> {
  io.stderr.write('motcua: this command is not written yet\n');
  return 1;
}
