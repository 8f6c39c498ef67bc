// Offset → 1-based line/column (UTF-16 code units, like the offsets themselves).

/** Line starts, for offset → line/column (computed only when there are findings). */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

export function position(starts: readonly number[], offset: number): [number, number] {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((starts[mid] as number) <= offset) lo = mid
    else hi = mid - 1
  }
  return [lo + 1, offset - (starts[lo] as number) + 1]
}
