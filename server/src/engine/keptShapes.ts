// Objects kept alive for their shapes.
//
// V8 compiles a hot function against the object shapes ("maps") it has met,
// and holds those shapes weakly. Most objects a lint makes (markdown-it's
// parser states and tokens, sentences, sentence views) are garbage once it
// returns, so a full collection that finds none of them frees their shapes
// and discards every compiled function that checked for one; the next lint
// runs unoptimised until V8 compiles it again. V8's memory reducer runs such
// a collection when the editor has been idle for a few seconds. One small
// object of each of those shapes, kept here, keeps the compiled code.

const kept: object[] = [];

/** Keeps these objects (one per shape a lint makes and drops) for the life of the process. */
export function keepShapesOf(...examples: object[]): void {
  kept.push(...examples);
}
