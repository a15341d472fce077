/**
 * Reading secrets for `profile add`: never from flags (shell history, `ps`), never echoed, never printed back.
 *
 * Piped stdin (not a terminal) holds up to three lines: the AccessKey secret, then the STS security token, then the
 * obs-websocket password; the last two are optional and an empty line skips one (`printf 'SECRET\n\nOBSPASS\n'`).
 * On a terminal the same three are asked for with prompts on stderr, the typed characters not echoed.
 */
import type { ProfileSecrets } from '../../shared/profile';

const PROMPTS = [
  'AccessKey secret: ',
  'STS security token (optional, Enter to skip): ',
  'OBS websocket password (optional, Enter to skip): ',
] as const;

interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

/** The secrets from `stdin`: piped lines, or no-echo prompts when it is a terminal (prompts go to `prompt`). */
export async function readSecrets(stdin: NodeJS.ReadableStream, prompt: NodeJS.WritableStream): Promise<ProfileSecrets> {
  const input = stdin as TerminalInput;
  const answers = input.isTTY && input.setRawMode ? await promptAll(input, prompt) : splitLines(await readAll(stdin));
  const [accessKeySecret = '', securityToken = '', obsPassword = ''] = answers;
  return {
    accessKeySecret,
    ...(securityToken ? { securityToken } : {}),
    ...(obsPassword ? { obsPassword } : {}),
  };
}

/** The first three lines, without their line endings. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/).slice(0, PROMPTS.length);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function promptAll(input: TerminalInput, prompt: NodeJS.WritableStream): Promise<string[]> {
  const answers: string[] = [];
  for (const question of PROMPTS) answers.push(await promptHidden(input, prompt, question));
  return answers;
}

/** One line typed without echo: raw mode, handling Enter, Backspace and Ctrl-C / Ctrl-D. */
function promptHidden(input: TerminalInput, prompt: NodeJS.WritableStream, question: string): Promise<string> {
  prompt.write(question);
  input.setRawMode?.(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('cancelled: no secret was stored'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
