import { styleText } from 'node:util';

type Format = 'red' | 'green' | 'yellow' | 'blue' | 'cyan' | 'magenta' | 'gray' | 'bold' | 'dim' | 'underline';

let enabled: boolean | undefined;

/** Colour only on a TTY, never with NO_COLOR, CI-safe. FORCE_COLOR forces it on. */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (enabled !== undefined) return enabled;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function setColor(on: boolean | undefined): void {
  enabled = on;
}

export function paint(format: Format, text: string): string {
  if (!colorEnabled()) return text;
  // styleText itself honours NO_COLOR on newer Node versions; we decide above, so pass validateStream:false where supported.
  try {
    return (styleText as (f: string, t: string, o?: { validateStream?: boolean }) => string)(format, text, {
      validateStream: false,
    });
  } catch {
    return styleText(format, text);
  }
}
