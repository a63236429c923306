// The main program takes options only. Commander's own message for a word among them ("too many
// arguments. Expected 0 arguments but got 1.") names neither the word nor the fix; the usual
// slips are a command after an option (`ctop-ts -H … serve`, as `docker -H … ps` allows) and a
// bare filter text (`ctop-ts web`).
const COMMANDS = ['serve', 'check'];

/** Commander's error text, with "too many arguments" replaced by what the stray word is and what to write instead. */
export function explainStrayArgs(message: string, args: readonly string[]): string {
  if (!message.startsWith('error: too many arguments') || args.length === 0) return message;
  const command = args.find((a) => COMMANDS.includes(a));
  if (command) return `error: ${command} is a command and comes first: ctop-ts ${command} [options] (ctop-ts ${command} --help)\n`;
  return `error: unexpected argument '${args[0]}': ctop-ts takes options only (text to match goes after -f)\n`;
}
