/** Output without the echoed command line and the trailing prompt. */
export function stripEchoAndPrompt(text: string, command: string, promptPattern: RegExp): string {
  let out = text;
  const echo = out.indexOf(command);
  if (echo >= 0) {
    const eol = out.indexOf('\n', echo);
    out = eol >= 0 ? out.slice(eol + 1) : '';
  }
  const prompt = promptPattern.exec(out);
  if (prompt) out = out.slice(0, prompt.index);
  // Junos answers with a blank line before the output.
  return out.replace(/^[ \t]*\n/, '').replace(/\s+$/, '');
}
