/**
 * The counter every sanitizing stage adds to, so a caller can learn how much was removed
 * without seeing what it was.
 *
 * @module
 */

/**
 * A running count of removed or neutralized items: one per dropped code point, ANSI escape
 * sequence, HTML tag or comment, markdown image, link or definition rewritten, and fence info
 * string replaced. Normalizations of benign text (an odd space becoming a space, an entity being
 * decoded) are not counted.
 */
export interface Tally {
  /** How many items were removed or neutralized so far. */
  removed: number;
}
