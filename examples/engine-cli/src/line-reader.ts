import { createInterface } from 'node:readline/promises';

/** Thrown by {@link LineReader.ask} when there is no more input: the journey cannot go on. */
export class InputEndedError extends Error {
  /** Whether the person pressed Ctrl+C, rather than the input running out. */
  readonly interrupted: boolean;

  constructor(interrupted: boolean) {
    super(interrupted ? 'interrupted with Ctrl+C' : 'standard input ended');
    this.name = 'InputEndedError';
    this.interrupted = interrupted;
  }
}

/** Asks for one line at a time, from a person at a terminal or from piped input alike. */
export interface LineReader {
  /** Shows `prompt` and resolves with the next line; throws {@link InputEndedError} at the end. */
  ask(prompt: string): Promise<string>;
  close(): void;
}

/**
 * Reads lines from `input`. Lines are taken from the interface's async iterator rather than
 * `question()`: piped input arrives in one chunk, and `question()` drops every line that comes
 * while no question is waiting; the iterator buffers them.
 */
export function createLineReader(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
): LineReader {
  const terminal = input.isTTY === true;
  const readline = createInterface({ input, output, terminal });
  let closed = false;
  let interrupted = false;
  readline.on('close', () => (closed = true));
  readline.on('SIGINT', () => {
    interrupted = true;
    readline.close();
  });
  const lines = readline[Symbol.asyncIterator]();

  return {
    async ask(prompt) {
      // Piped input closes the interface as soon as it has all been read, while lines are
      // still buffered; prompt() would throw then, so only a live terminal uses it.
      if (terminal && !closed) {
        readline.setPrompt(prompt);
        readline.prompt();
      } else {
        output.write(prompt);
      }
      const next = await lines.next();
      if (next.done) {
        output.write('\n');
        throw new InputEndedError(interrupted);
      }
      const line = String(next.value);
      // A terminal echoes what is typed; piped answers are echoed so the transcript reads
      // like a conversation.
      if (!terminal) output.write(`${line}\n`);
      return line;
    },
    close: () => readline.close(),
  };
}
