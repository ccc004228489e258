// "Did you mean …?" for misspelt keywords, flags and names (Levenshtein, as Hurl does).

/** Edit distance between two strings (insert, delete, substitute: cost 1 each). */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: at most
 * a third of the word's length (at least 1, at most 3) edits away. Ties go to the first.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = levenshtein(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Replacing every letter is not a typo ('$b' is not a misspelt '$a').
  return bestDistance <= limit && bestDistance < word.length ? best : null;
}
