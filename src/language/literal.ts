// The text of words that hold no `$var`: what they are known to say before anything runs.
import type { Word } from './ast.js';

/** The word's text when it is fully literal (no `$var`), else null. */
export function literalText(word: Word): string | null {
  let text = '';
  for (const p of word.parts) {
    if (p.type !== 'Text') return null;
    text += p.value;
  }
  return text;
}

// One array per word list of the syntax tree, made once: the checks and every backend
// that runs the command then hand the same argv to parseInvocation, whose memo is keyed
// by the array itself (src/docker-cli/parse.ts), so a command is parsed once, not once
// by the checks and again per backend.
const argvs = new WeakMap<readonly Word[], readonly string[] | null>();

/** The words' texts when none holds a `$var`, else null. The array is shared: read only. */
export function literalWords(words: readonly Word[]): readonly string[] | null {
  let argv = argvs.get(words);
  if (argv === undefined) {
    const texts: string[] = [];
    for (const w of words) {
      const text = literalText(w);
      if (text === null) break;
      texts.push(text);
    }
    argv = texts.length === words.length ? texts : null;
    argvs.set(words, argv);
  }
  return argv;
}
